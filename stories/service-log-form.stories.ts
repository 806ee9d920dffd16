import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@gridkit/components/define/service-log-form';
import '@gridkit/components/define/provider';
import { createGridkitClient, type GridkitClient } from '@gridkit/sdk';
import { createOutbox } from '@gridkit/sdk/outbox';
import { apiUrl, demoGrids, stateClients } from './support.js';

/** Demo staff tokens of the seed (printed by `pnpm start`). */
const workerToken = 'demo-worker-qiaobei-02'; // 王丽娜 · 桥北社区第二网格
const twoGridsToken = 'demo-worker-qiaobei-0304'; // 孙晓峰 · 第三、第四网格

interface Args {
  token: string;
  kiosk: boolean;
}

const meta: Meta<Args> = {
  title: 'Widgets/gk-service-log-form',
  args: { token: workerToken, kiosk: false },
  argTypes: {
    token: { control: 'select', options: [workerToken, twoGridsToken, 'demo-worker-caihong-06', ''] },
  },
  render: (args, { globals }) =>
    html`<gk-service-log-form
      base-url=${apiUrl}
      token=${args.token}
      ?kiosk=${args.kiosk}
      theme=${globals.theme}
    ></gk-service-log-form>`,
};
export default meta;

type Story = StoryObj<Args>;

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
export const TwoGrids: Story = { args: { token: twoGridsToken } };
export const Kiosk: Story = { args: { kiosk: true }, parameters: { layout: 'fullscreen' } };
/** No staff token: the server answers 401 and the widget explains a sign-in is needed. */
export const NoToken: Story = { args: { token: '' } };
/** Save pressed on an empty form: the error summary, linked to each field. */
export const ValidationErrors: Story = { play: ({ canvasElement }) => submit(canvasElement) };

/** A grid-id outside the worker's grids: the server's 403, explained. */
export const OutsideJurisdiction: Story = {
  loaders: [
    async () => {
      const api = createGridkitClient({ baseUrl: apiUrl });
      const { items } = await api.grids.list({ level: 'grid', limit: 20 });
      return { gridId: items.find((grid) => grid.id !== demoGrids.grid)?.id ?? '' };
    },
  ],
  render: (args, { globals, loaded }) =>
    html`<gk-service-log-form
      base-url=${apiUrl}
      token=${args.token}
      grid-id=${(loaded as { gridId: string }).gridId}
      theme=${globals.theme}
    ></gk-service-log-form>`,
};

/**
 * Saved while offline: a draft (put in local storage as a reload would find
 * it) is saved through an outbox whose network is down, so it stays on the device.
 */
export const SavedOnThisDevice: Story = {
  loaders: [
    async () => {
      const staff = createGridkitClient({ baseUrl: apiUrl, token: workerToken });
      const me = await staff.session.me();
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
      const offline = createGridkitClient({
        baseUrl: apiUrl,
        token: workerToken,
        retry: false,
        fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      });
      return { outbox: createOutbox(offline, { name: 'storybook-offline-outbox', autoFlush: false }) };
    },
  ],
  render: (args, { globals, loaded }) =>
    html`<gk-service-log-form
      base-url=${apiUrl}
      token=${args.token}
      theme=${globals.theme}
      .outbox=${(loaded as { outbox: ReturnType<typeof createOutbox> }).outbox}
    ></gk-service-log-form>`,
  play: ({ canvasElement }) => submit(canvasElement),
};

const inState = (client: () => GridkitClient): Story => ({
  render: (_args, { globals }) =>
    html`<gk-provider .client=${client()} theme=${globals.theme}>
      <gk-service-log-form></gk-service-log-form>
    </gk-provider>`,
});
export const Loading: Story = inState(stateClients.loading);
export const ServerError: Story = inState(stateClients.error);
export const Offline: Story = inState(stateClients.offline);
