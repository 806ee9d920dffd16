import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@gridkit/components/define/grid-ranking';
import '@gridkit/components/define/provider';
import { apiUrl, demoGrids, dropAfterFirstAnswer, element, expectState, networkStates } from './support.js';

const meta: Meta = {
  title: 'Widgets/gk-grid-ranking',
  component: 'gk-grid-ranking',
  args: {
    'base-url': apiUrl,
    'grid-id': demoGrids.district,
    period: 'last-12-months',
    'rank-by': 'grid-share',
    layout: 'card',
  },
  argTypes: {
    'grid-id': { control: 'select', options: [demoGrids.district, demoGrids.street] },
    'rank-by': { control: 'select', options: ['grid-share', 'on-time', 'satisfaction', 'resolution'] },
  },
  render: (args, { globals }) => element('gk-grid-ranking', args, globals),
  parameters: expectState({ text: '文峰区 · 红黄榜' }),
};
export default meta;

type Story = StoryObj;

/** The district's five streets by the share settled at grid level: the first on the red list, the last on the yellow. */
export const District: Story = {};
/** A street's communities. */
export const Street: Story = {
  args: { 'grid-id': demoGrids.street },
  parameters: expectState({ text: '西关街道 · 红黄榜' }),
};
export const BySatisfaction: Story = {
  args: { 'rank-by': 'satisfaction' },
  parameters: expectState({ text: '按满意率排名' }),
};
export const PublicScreen: Story = { args: { layout: 'kiosk' }, parameters: { layout: 'fullscreen' } };
export const OnAPhone: Story = {
  decorators: [(story) => html`<div style="max-width: 22rem">${story()}</div>`],
};
/** A period before any case: every unit "not ranked", no list, never a fake 0%. */
export const NoCasesInPeriod: Story = { args: { period: '2001' }, parameters: expectState({ text: '不排名' }) };
export const GridNotFound: Story = {
  args: { 'grid-id': 'grd_missing' },
  parameters: networkStates.gridNotFound,
};
export const Loading: Story = {
  parameters: networkStates.loading,
};
export const ServerError: Story = {
  parameters: networkStates.serverError,
};
export const ServerUnreachable: Story = {
  parameters: networkStates.unreachable,
};
/** Loaded once, then the network drops: the ranking stays, with a polite "updated … — reconnecting…" line. */
export const KeptAfterFailedRefresh: Story = {
  args: { refresh: 4 },
  loaders: dropAfterFirstAnswer,
  parameters: networkStates.keptAfterFailedRefresh,
};
/** A provider without base-url: a message for the page's developer (and one console warning). */
export const NotSetUp: Story = {
  render: (args, { globals }) =>
    html`<gk-provider grid-id=${args['grid-id']} theme=${globals.theme}>
      <gk-grid-ranking period=${args.period}></gk-grid-ranking>
    </gk-provider>`,
  parameters: expectState({ text: '组件配置不完整', warning: 'has no base-url' }),
};
