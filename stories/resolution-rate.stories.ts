import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@gridkit/components/define/resolution-rate';
import type { GridkitClient } from '@gridkit/sdk';
import { apiUrl, demoGrids, stateClients } from './support.js';
import { flakyClient } from './network-states.js';

interface Args {
  gridId: string;
  period: string;
  layout: 'card' | 'kiosk';
}

const meta: Meta<Args> = {
  title: 'Widgets/gk-resolution-rate',
  args: { gridId: demoGrids.district, period: 'last-12-months', layout: 'card' },
  argTypes: {
    gridId: { control: 'select', options: Object.values(demoGrids) },
    period: { control: 'text', description: 'last-30-days, last-12-months, YYYY, YYYY-Qn, YYYY-MM' },
    layout: { control: 'inline-radio', options: ['card', 'kiosk'] },
  },
  render: (args, { globals }) =>
    html`<gk-resolution-rate
      base-url=${apiUrl}
      grid-id=${args.gridId}
      period=${args.period}
      layout=${args.layout}
      theme=${globals.theme}
    ></gk-resolution-rate>`,
};
export default meta;

type Story = StoryObj<Args>;

export const District: Story = {};
export const Street: Story = { args: { gridId: demoGrids.street } };
export const OneGridLast30Days: Story = {
  args: { gridId: demoGrids.grid, period: 'last-30-days' },
  decorators: [(story) => html`<div style="max-width: 22rem">${story()}</div>`],
};
export const PublicScreen: Story = { args: { layout: 'kiosk' }, parameters: { layout: 'fullscreen' } };
/** A period before any case: "no data", never a fake 0% or 100%. */
export const NoCasesInPeriod: Story = { args: { period: '2001' } };
export const GridNotFound: Story = { args: { gridId: 'grd_missing' } };

const inState = (client: () => GridkitClient): Story => ({
  render: (args, { globals }) =>
    html`<gk-provider .client=${client()} grid-id=${args.gridId} theme=${globals.theme}>
      <gk-resolution-rate period=${args.period}></gk-resolution-rate>
    </gk-provider>`,
});
export const Loading: Story = inState(stateClients.loading);
export const ServerError: Story = inState(stateClients.error);
/** The device is online but no answer comes: "cannot reach the server", told apart from no network. */
export const ServerUnreachable: Story = inState(stateClients.offline);
/** Loaded once, then the network drops: the figures stay, with a polite "updated … — reconnecting…" line. */
export const KeptAfterFailedRefresh: Story = {
  render: (args, { globals }) =>
    html`<gk-provider .client=${flakyClient()} grid-id=${args.gridId} theme=${globals.theme}>
      <gk-resolution-rate period=${args.period} refresh="4"></gk-resolution-rate>
    </gk-provider>`,
};
/** A provider without base-url: a message for the page's developer (and one console warning). */
export const NotSetUp: Story = {
  render: (args, { globals }) =>
    html`<gk-provider grid-id=${args.gridId} theme=${globals.theme}>
      <gk-resolution-rate period=${args.period}></gk-resolution-rate>
    </gk-provider>`,
};
