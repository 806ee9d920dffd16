import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@gridkit/components/define/service-log-form';
import { createGridkitClient } from '@gridkit/sdk';
import { createOutbox } from '@gridkit/sdk/outbox';
import { apiUrl, demoGrids, element, expectState, fail, fixtures, networkStates } from './support.js';

/** Demo staff tokens of the seed (printed by `pnpm start`). */
const workerToken = 'demo-worker-qiaobei-02'; // 王丽娜 · 桥北社区第二网格
const twoGridsToken = 'demo-worker-qiaobei-0304'; // 孙晓峰 · 第三、第四网格

const meta: Meta = {
  title: 'Widgets/gk-service-log-form',
  component: 'gk-service-log-form',
  args: { 'base-url': apiUrl, token: workerToken, kiosk: false },
  argTypes: {
    token: { control: 'select', options: [workerToken, twoGridsToken, 'demo-worker-caihong-06', ''] },
  },
  render: (args, { globals }) => element('gk-service-log-form', args, globals),
  parameters: expectState({ text: '登记人：王丽娜' }),
};
export default meta;

type Story = StoryObj;

const submit = async (canvasElement: HTMLElement) => {
  const form = canvasElement.querySelector('gk-service-log-form')!;
  for (let i = 0; i < 50 && !form.shadowRoot?.querySelector('button[type="submit"]'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
};

/** A grid worker with one grid: the form, today's entries and the month. */
export const Worker: Story = {};
/** A worker with two grids chooses the grid. */
export const TwoGrids: Story = { args: { token: twoGridsToken }, parameters: expectState({ text: '登记人：孙晓峰' }) };
export const Kiosk: Story = { args: { kiosk: true }, parameters: { layout: 'fullscreen' } };
/** No staff token: the server answers 401 and the widget explains a sign-in is needed. */
export const NoToken: Story = {
  args: { token: '' },
  parameters: expectState({ text: '需要工作人员登录', statuses: [401] }),
};
/** Save pressed on an empty form: the error summary, linked to each field. */
export const ValidationErrors: Story = {
  play: ({ canvasElement }) => submit(canvasElement),
  parameters: expectState({ text: '请先改正以下问题' }),
};

/** A grid-id outside the worker's grids: the server's 403, explained. */
export const OutsideJurisdiction: Story = {
  args: { 'grid-id': demoGrids.otherGrid },
  parameters: expectState({ text: '该网格不在您的负责范围内', statuses: [403] }),
};

/**
 * Saved while offline: a draft (put in local storage as a reload would find
 * it) is saved through an outbox whose writes fail, so it stays on the device.
 */
export const SavedOnThisDevice: Story = {
  loaders: [
    () => {
      const me = fixtures.workers[workerToken]!;
      localStorage.setItem(
        `gridkit:service-log-draft:${me.id}:${me.gridIds[0]}`,
        JSON.stringify({
          date: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
          kind: 'visit',
          subjectGroups: ['elderly_alone'],
          householdRef: '5-2-301',
          summary: '入户走访独居老人张大爷，检查燃气和取暖设施。',
          minutes: '40',
          outcome: 'followup_needed',
          ticket: '',
        }),
      );
      const client = createGridkitClient({ baseUrl: apiUrl, token: workerToken, retry: false });
      return { outbox: createOutbox(client, { name: 'storybook-offline-outbox', autoFlush: false }) };
    },
  ],
  render: (args, { globals, loaded }) => element('gk-service-log-form', { ...args, outbox: loaded.outbox }, globals),
  play: ({ canvasElement }) => submit(canvasElement),
  parameters: {
    msw: { handlers: [fail.writes] },
    ...expectState({ text: '已保存在本设备，联网后自动发送', networkError: true }),
  },
};

export const Loading: Story = {
  parameters: networkStates.loading,
};
export const ServerError: Story = {
  parameters: networkStates.serverError,
};
export const Offline: Story = {
  parameters: networkStates.unreachable,
};
