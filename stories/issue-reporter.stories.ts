import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@gridkit/components/define/issue-reporter';
import { createGridkitClient, problemType, type GridkitClient } from '@gridkit/sdk';
import type { GkIssueReporter } from '@gridkit/components';
import { apiUrl, demoGrids, stateClients } from './support.js';

interface Args {
  kiosk: boolean;
  gridId: string;
}

const trackUrl = 'https://city.example/track?ticket={ticket}&token={token}';

/** Each story walks the real widget, against the mock server, to the step it shows. */
async function walk(root: HTMLElement, until: string) {
  const el = root.querySelector('gk-issue-reporter') as GkIssueReporter;
  const $ = <T extends Element>(s: string) => el.shadowRoot!.querySelector<T>(s);
  const wait = async (s: string) => {
    for (let i = 0; i < 100 && !$(s); i += 1) await new Promise((r) => setTimeout(r, 100));
  };
  const next = () => $<HTMLButtonElement>('button[type="submit"]')!.click();
  const type = (s: string, v: string) => {
    const input = $<HTMLInputElement>(s)!;
    input.value = v;
    input.dispatchEvent(new InputEvent('input'));
  };
  await wait('#category');
  if (until === 'what-error') return next();
  $<HTMLInputElement>('input[value="light.street"]')!.click();
  next();
  await wait('form.step-details');
  $<HTMLInputElement>('#attr-fault')!.click();
  if (until === 'details') return;
  next();
  await wait('form.step-where');
  type('#address', '桥北路 23 号院东门');
  if (until === 'where') return;
  $<HTMLButtonElement>('#location')!.click();
  await wait('.status-line .ok');
  next();
  await wait('form.step-photos');
  if (until === 'photos') return;
  next();
  await wait('form.step-describe');
  type('#description', '路灯一直不亮，晚上很黑。');
  if (until === 'describe') return;
  next();
  await wait('form.step-contact');
  $<HTMLInputElement>('#contact')!.click();
  await el.updateComplete;
  type('#name', '李女士');
  type('#phone', '13800138000');
  if (until === 'contact') return;
  next();
  await wait('form.step-review');
  if (until === 'review') return;
  next();
}

/** A device standing at the demo grid's centre. */
const here: Geolocation = {
  getCurrentPosition: (ok) =>
    void createGridkitClient({ baseUrl: apiUrl })
      .grids.get(demoGrids.grid)
      .then((grid) =>
        ok({ coords: { latitude: grid.centroid!.lat, longitude: grid.centroid!.lng } } as GeolocationPosition),
      ),
  watchPosition: () => 0,
  clearWatch: () => undefined,
} as Geolocation;

const meta: Meta<Args> = {
  title: 'Widgets/gk-issue-reporter',
  args: { kiosk: false, gridId: '' },
  render: (args, { globals }) =>
    html`<gk-issue-reporter
      base-url=${apiUrl}
      grid-id=${args.gridId || ''}
      ?kiosk=${args.kiosk}
      track-url=${trackUrl}
      .geolocation=${here}
      theme=${globals.theme}
    ></gk-issue-reporter>`,
};
export default meta;

type Story = StoryObj<Args>;
const at = (until: string, args: Partial<Args> = {}): Story => ({
  args,
  play: async ({ canvasElement }) => walk(canvasElement, until),
});

/** Step 1: what, grouped by kind, searchable. */
export const What: Story = {};
export const WhatWithError = at('what-error');
export const Details = at('details');
export const Where = at('where');
export const Photos = at('photos');
export const Describe = at('describe');
export const Contact = at('contact');
export const Review = at('review');
/** Sends a real report to the mock server and shows its receipt. */
export const Receipt = at('receipt');
/** A kiosk that knows its grid: no grid question, large targets, idle reset after 90 s. */
export const Kiosk: Story = { args: { kiosk: true, gridId: demoGrids.grid }, parameters: { layout: 'fullscreen' } };
export const KioskReceipt = at('receipt', { kiosk: true, gridId: demoGrids.grid });

/** Posts fail as if offline: the report is kept on the device ("saved, will be sent"). */
export const Queued: Story = {
  render: (_args, { globals }) => {
    const client = createGridkitClient({
      baseUrl: apiUrl,
      retry: false,
      fetch: (input, init) =>
        new Request(input as Request, init).method === 'POST'
          ? Promise.reject(new TypeError('Failed to fetch'))
          : fetch(input, init),
    });
    return html`<gk-provider .client=${client} grid-id=${demoGrids.grid} theme=${globals.theme}>
      <gk-issue-reporter .geolocation=${here}></gk-issue-reporter>
    </gk-provider>`;
  },
  play: async ({ canvasElement }) => walk(canvasElement, 'receipt'),
};

/** The server refuses the report for good (a 422 no field owns): its reason is shown, with "change" or "discard". */
export const Rejected: Story = {
  render: (_args, { globals }) => {
    const client = createGridkitClient({
      baseUrl: apiUrl,
      retry: false,
      fetch: (input, init) => {
        const request = new Request(input as Request, init);
        if (request.method !== 'POST' || !request.url.endsWith('/cases')) return fetch(request);
        const problem = {
          type: problemType('unprocessable'),
          title: '无法受理',
          status: 422,
          detail: 'This grid no longer takes reports; it was merged into 桥北社区第一网格.',
          requestId: 'story-0000-0000-0000-000000000422',
        };
        return Promise.resolve(
          new Response(JSON.stringify(problem), {
            status: 422,
            headers: { 'Content-Type': 'application/problem+json' },
          }),
        );
      },
    });
    return html`<gk-provider .client=${client} grid-id=${demoGrids.grid} theme=${globals.theme}>
      <gk-issue-reporter .geolocation=${here}></gk-issue-reporter>
    </gk-provider>`;
  },
  play: async ({ canvasElement }) => walk(canvasElement, 'receipt'),
};

const inState = (client: () => GridkitClient): Story => ({
  render: (_args, { globals }) =>
    html`<gk-provider .client=${client()} theme=${globals.theme}><gk-issue-reporter></gk-issue-reporter></gk-provider>`,
});
export const Loading: Story = inState(stateClients.loading);
export const ServerError: Story = inState(stateClients.error);
export const Offline: Story = inState(stateClients.offline);
