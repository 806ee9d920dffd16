import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { SetupWorker } from 'msw/browser';
import { html } from 'lit';
import '@gridkit/components/define/notice-board';
import { apiUrl, demoGrids, dropsAfter, element, expectState, fail } from './support.js';

const meta: Meta = {
  title: 'Widgets/gk-notice-board',
  component: 'gk-notice-board',
  args: { 'base-url': apiUrl, 'grid-id': demoGrids.grid, layout: 'card', refresh: 300 },
  render: (args, { globals }) => element('gk-notice-board', args, globals),
  parameters: expectState({ text: '王丽娜' }),
};
export default meta;

type Story = StoryObj;

/** The board on a portal page: leader, team by role, notices. */
export const Card: Story = {};
export const Kiosk: Story = { args: { layout: 'kiosk' }, parameters: { layout: 'fullscreen' } };
export const Compact: Story = {
  args: { layout: 'compact' },
  decorators: [(story) => html`<div style="max-width: 20rem">${story()}</div>`],
};
export const GridNotFound: Story = {
  args: { 'grid-id': 'grd_missing' },
  parameters: expectState({ text: '没有找到该网格', statuses: [404] }),
};
export const Loading: Story = {
  parameters: { msw: { handlers: [fail.loading] }, ...expectState({ text: '正在加载' }) },
};
export const ServerError: Story = {
  parameters: { msw: { handlers: [fail.serverError] }, ...expectState({ text: '服务器出错', statuses: [503] }) },
};
/** The device is online but no answer comes: "cannot reach the server", told apart from no network. */
export const ServerUnreachable: Story = {
  parameters: { msw: { handlers: [fail.unreachable] }, ...expectState({ text: '无法连接服务器', networkError: true }) },
};
/** Loaded once, then the network drops: the board stays, with a polite "updated … — reconnecting…" line. */
export const KeptAfterFailedRefresh: Story = {
  args: { refresh: 4 },
  loaders: [({ msw }: { msw?: SetupWorker }) => void msw?.use(dropsAfter())],
  parameters: expectState({ text: '正在重新连接', networkError: true }),
};
/** A page that forgot base-url: a message for its developer (and one console warning). */
export const NotSetUp: Story = {
  args: { 'base-url': '' },
  parameters: expectState({ text: '组件配置不完整', warning: 'has no API client' }),
};
