import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@gridkit/components/define/case-tracker';
import { createGridkitClient, type GridkitClient } from '@gridkit/sdk';
import { apiUrl, stateClients } from './support.js';

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
export const Offline: Story = inState(stateClients.offline);
