import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@gridkit/components/define/resolution-rate';
import '@gridkit/components/define/provider';
import { apiUrl, demoGrids, dropAfterFirstAnswer, element, expectState, networkStates } from './support.js';

const meta: Meta = {
  title: 'Widgets/gk-resolution-rate',
  component: 'gk-resolution-rate',
  args: { 'base-url': apiUrl, 'grid-id': demoGrids.district, period: 'last-12-months', layout: 'card' },
  argTypes: {
    'grid-id': { control: 'select', options: [demoGrids.district, demoGrids.street, demoGrids.grid] },
  },
  render: (args, { globals }) => element('gk-resolution-rate', args, globals),
  parameters: expectState({ text: '文峰区 · 案件办结情况' }),
};
export default meta;

type Story = StoryObj;

export const District: Story = {};
export const Street: Story = {
  args: { 'grid-id': demoGrids.street },
  parameters: expectState({ text: '西关街道 · 案件办结情况' }),
};
export const OneGridLast30Days: Story = {
  args: { 'grid-id': demoGrids.grid, period: 'last-30-days' },
  decorators: [(story) => html`<div style="max-width: 22rem">${story()}</div>`],
  parameters: expectState({ text: '最近 30 天 ·' }),
};
export const PublicScreen: Story = { args: { layout: 'kiosk' }, parameters: { layout: 'fullscreen' } };
/** A period before any case: "no data", never a fake 0% or 100%. */
export const NoCasesInPeriod: Story = { args: { period: '2001' }, parameters: expectState({ text: '2001年 ·' }) };
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
/** Loaded once, then the network drops: the figures stay, with a polite "updated … — reconnecting…" line. */
export const KeptAfterFailedRefresh: Story = {
  args: { refresh: 4 },
  loaders: dropAfterFirstAnswer,
  parameters: networkStates.keptAfterFailedRefresh,
};
/** A provider without base-url: a message for the page's developer (and one console warning). */
export const NotSetUp: Story = {
  render: (args, { globals }) =>
    html`<gk-provider grid-id=${args['grid-id']} theme=${globals.theme}>
      <gk-resolution-rate period=${args.period}></gk-resolution-rate>
    </gk-provider>`,
  parameters: expectState({ text: '组件配置不完整', warning: 'has no base-url' }),
};
