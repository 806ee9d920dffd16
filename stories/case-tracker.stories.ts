import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@gridkit/components/define/case-tracker';
import { createGridkitClient, type GridkitClient } from '@gridkit/sdk';
import { apiUrl, stateClients } from './support.js';
import { flakyClient } from './network-states.js';

interface Args {
  ticket: string;
  token: string;
  layout: 'card' | 'kiosk';
}

const meta: Meta<Args> = {
  title: 'Widgets/gk-case-tracker',
  args: { ticket: '', token: '', layout: 'card' },
  argTypes: { layout: { control: 'inline-radio', options: ['card', 'kiosk'] } },
  render: (args, { globals }) =>
    html`<gk-case-tracker
      base-url=${apiUrl}
      ticket=${args.ticket || ''}
      token=${args.token || ''}
      layout=${args.layout}
      theme=${globals.theme}
    ></gk-case-tracker>`,
};
export default meta;

type Story = StoryObj<Args>;

/** The empty form a resident starts from. */
export const EmptyForm: Story = {};
export const Kiosk: Story = { args: { layout: 'kiosk' }, parameters: { layout: 'fullscreen' } };
export const NoSuchCase: Story = { args: { ticket: 'WF-20000101-0001' } };

/** A closed case of the demo seed, found with the demo admin token; without its secret token it cannot be rated. */
export const ClosedCaseWithoutToken: Story = {
  loaders: [
    async () => {
      const staff = createGridkitClient({ baseUrl: apiUrl, token: 'demo-admin-district' });
      const { items } = await staff.cases.list({ status: ['closed'], limit: 1 });
      return { ticket: items[0]?.ticket ?? '' };
    },
  ],
  render: (args, { globals, loaded }) =>
    html`<gk-case-tracker
      base-url=${apiUrl}
      ticket=${(loaded as { ticket: string }).ticket}
      layout=${args.layout}
      theme=${globals.theme}
    ></gk-case-tracker>`,
};

const inState = (client: () => GridkitClient): Story => ({
  render: (_args, { globals }) =>
    html`<gk-provider .client=${client()} theme=${globals.theme}>
      <gk-case-tracker ticket="WF-20261122-0042"></gk-case-tracker>
    </gk-provider>`,
});
export const Loading: Story = inState(stateClients.loading);
export const ServerError: Story = inState(stateClients.error);
/** The device is online but no answer comes: "cannot reach the server", told apart from no network. */
export const ServerUnreachable: Story = inState(stateClients.offline);
/** A closed case shown, then the network drops: the case stays, with a polite "updated … — reconnecting…" line. */
export const KeptAfterFailedRefresh: Story = {
  loaders: ClosedCaseWithoutToken.loaders,
  render: (args, { globals, loaded }) =>
    html`<gk-provider .client=${flakyClient()} theme=${globals.theme}>
      <gk-case-tracker
        ticket=${(loaded as { ticket: string }).ticket}
        layout=${args.layout}
        refresh="4"
      ></gk-case-tracker>
    </gk-provider>`,
};
/** A page that forgot base-url: a message for its developer (and one console warning). */
export const NotSetUp: Story = {
  render: (args, { globals }) =>
    html`<gk-case-tracker ticket="WF-20261122-0042" layout=${args.layout} theme=${globals.theme}></gk-case-tracker>`,
};
