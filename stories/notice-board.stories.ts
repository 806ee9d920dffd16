import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@gridkit/components/define/notice-board';
import type { GridkitClient } from '@gridkit/sdk';
import { apiUrl, demoGrids, stateClients } from './support.js';
import { flakyClient } from './network-states.js';

interface Args {
  layout: 'card' | 'kiosk' | 'compact';
  gridId: string;
  refresh: number;
}

const meta: Meta<Args> = {
  title: 'Widgets/gk-notice-board',
  args: { layout: 'card', gridId: demoGrids.grid, refresh: 300 },
  argTypes: {
    layout: { control: 'inline-radio', options: ['card', 'kiosk', 'compact'] },
    gridId: { control: 'text' },
    refresh: { control: 'number' },
  },
  render: (args, { globals }) =>
    html`<gk-notice-board
      base-url=${apiUrl}
      grid-id=${args.gridId}
      layout=${args.layout}
      refresh=${args.refresh}
      theme=${globals.theme}
    ></gk-notice-board>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Card: Story = {};
export const Kiosk: Story = { args: { layout: 'kiosk' }, parameters: { layout: 'fullscreen' } };
export const Compact: Story = {
  args: { layout: 'compact' },
  decorators: [(story) => html`<div style="max-width: 20rem">${story()}</div>`],
};
export const GridNotFound: Story = { args: { gridId: 'grd_missing' } };

const inState = (client: () => GridkitClient): Story => ({
  render: (args, { globals }) =>
    html`<gk-provider .client=${client()} grid-id=${args.gridId} theme=${globals.theme}>
      <gk-notice-board layout=${args.layout}></gk-notice-board>
    </gk-provider>`,
});
export const Loading: Story = inState(stateClients.loading);
export const ServerError: Story = inState(stateClients.error);
/** The device is online but no answer comes: "cannot reach the server", told apart from no network. */
export const ServerUnreachable: Story = inState(stateClients.offline);
/** Loaded once, then the network drops: the board stays, with a polite "updated … — reconnecting…" line. */
export const KeptAfterFailedRefresh: Story = {
  render: (args, { globals }) =>
    html`<gk-provider .client=${flakyClient()} grid-id=${args.gridId} theme=${globals.theme}>
      <gk-notice-board layout=${args.layout} refresh="4"></gk-notice-board>
    </gk-provider>`,
};
/** A page that forgot base-url: a message for its developer (and one console warning). */
export const NotSetUp: Story = {
  render: (args, { globals }) =>
    html`<gk-notice-board grid-id=${args.gridId} theme=${globals.theme}></gk-notice-board>`,
};
