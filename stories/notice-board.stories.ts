import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@gridkit/components/define/notice-board';
import { apiUrl, demoGrids, dropAfterFirstAnswer, element, expectState, networkStates } from './support.js';

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
  parameters: networkStates.gridNotFound,
};
export const Loading: Story = {
  parameters: networkStates.loading,
};
export const ServerError: Story = {
  parameters: networkStates.serverError,
};
/** The device is online but no answer comes: "cannot reach the server", told apart from no network. */
export const ServerUnreachable: Story = {
  parameters: networkStates.unreachable,
};
/** Loaded once, then the network drops: the board stays, with a polite "updated … — reconnecting…" line. */
export const KeptAfterFailedRefresh: Story = {
  args: { refresh: 4 },
  loaders: dropAfterFirstAnswer,
  parameters: networkStates.keptAfterFailedRefresh,
};
/** A page that forgot base-url: a message for its developer (and one console warning). */
export const NotSetUp: Story = {
  args: { 'base-url': '' },
  parameters: expectState({ text: '组件配置不完整', warning: 'has no API client' }),
};
