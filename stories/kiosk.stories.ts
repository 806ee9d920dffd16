import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@gridkit/components/define/kiosk';
import { apiUrl, demoGrids, element, expectState, fail } from './support.js';

// The kiosk fills the screen (position: fixed); each story shows it full-size.
const meta: Meta = {
  title: 'Widgets/gk-kiosk',
  component: 'gk-kiosk',
  args: { 'base-url': apiUrl, 'grid-id': demoGrids.grid, 'text-size': 'standard', 'idle-reset': 90, 'idle-grace': 20 },
  parameters: { layout: 'fullscreen', ...expectState({ text: '服务网格：桥北社区第二网格' }) },
  render: (args, { globals }) => element('gk-kiosk', args, globals),
};
export default meta;

type Story = StoryObj;

/** The home screen a resident walks up to. */
export const Home: Story = {};
/** Extra-large text (适老化): the kiosk and the widget it opens grow together. */
export const ExtraLargeText: Story = { args: { 'text-size': 'x-large' } };
/** A centre serving two grids: the board and the figures ask which one first. */
export const SeveralGrids: Story = {
  args: { 'grid-id': `${demoGrids.grid} ${demoGrids.otherGrid}` },
  parameters: expectState({ text: '桥北社区第二网格、东关社区第一网格' }),
};
/** A short idle time, to watch the "still there?" countdown and the reset (open a screen, then wait). */
export const ShortIdleReset: Story = { args: { 'idle-reset': 5, 'idle-grace': 5 } };
/** The API never answers: home works, each widget shows its own loading state. */
export const Loading: Story = {
  parameters: { msw: { handlers: [fail.loading] }, ...expectState({ text: '请点选您要办理的事项' }) },
};
/** No base-url and no provider: a message for the page's developer, and a console warning. */
export const Misconfigured: Story = {
  args: { 'base-url': '' },
  parameters: expectState({ text: '自助终端未配置服务地址', warning: 'needs a base-url' }),
};
