import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@gridkit/components/define/case-tracker';
import { apiUrl, dropAfterFirstAnswer, element, expectState, fixtures, networkStates } from './support.js';

const meta: Meta = {
  title: 'Widgets/gk-case-tracker',
  component: 'gk-case-tracker',
  args: { 'base-url': apiUrl, ticket: '', token: '', layout: 'card' },
  render: (args, { globals }) => element('gk-case-tracker', args, globals),
  parameters: expectState({ text: '在回执上，如 WF-20261122-0042' }),
};
export default meta;

type Story = StoryObj;

/** The empty form a resident starts from. */
export const EmptyForm: Story = {};
export const Kiosk: Story = { args: { layout: 'kiosk' }, parameters: { layout: 'fullscreen' } };
export const NoSuchCase: Story = {
  args: { ticket: 'WF-20000101-0001' },
  parameters: expectState({ text: '没有找到该工单', statuses: [404] }),
};
/** A closed case of the demo seed; without its secret token it cannot be rated. */
export const ClosedCaseWithoutToken: Story = {
  args: { ticket: fixtures.closedTicket },
  parameters: expectState({ text: '已办结' }),
};
export const Loading: Story = {
  args: { ticket: fixtures.closedTicket },
  parameters: networkStates.loading,
};
export const ServerError: Story = {
  args: { ticket: fixtures.closedTicket },
  parameters: networkStates.serverError,
};
/** The device is online but no answer comes: "cannot reach the server", told apart from no network. */
export const ServerUnreachable: Story = {
  args: { ticket: fixtures.closedTicket },
  parameters: networkStates.unreachable,
};
/** A closed case shown, then the network drops: the case stays, with a polite "updated … — reconnecting…" line. */
export const KeptAfterFailedRefresh: Story = {
  args: { ticket: fixtures.closedTicket, refresh: 4 },
  loaders: dropAfterFirstAnswer,
  parameters: networkStates.keptAfterFailedRefresh,
};
/** A page that forgot base-url: a message for its developer (and one console warning). */
export const NotSetUp: Story = {
  args: { 'base-url': '', ticket: fixtures.closedTicket },
  parameters: expectState({ text: '组件配置不完整', warning: 'has no API client' }),
};
