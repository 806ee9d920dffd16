import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@gridkit/components/define/issue-reporter';
import type { GkIssueReporter } from '@gridkit/components';
import { apiUrl, demoGrids, element, expectState, fail, fixtures, networkStates } from './support.js';

const trackUrl = 'https://city.example/track?ticket={ticket}&token={token}';

/** Each story walks the real widget (its requests answered from the recorded demo seed) to the step it shows. */
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
const centroid = fixtures.grids.find((grid) => grid.id === demoGrids.grid)!.centroid!;
const here: Geolocation = {
  getCurrentPosition: (ok) =>
    ok({ coords: { latitude: centroid.lat, longitude: centroid.lng } } as GeolocationPosition),
  watchPosition: () => 0,
  clearWatch: () => undefined,
} as Geolocation;

const meta: Meta = {
  title: 'Widgets/gk-issue-reporter',
  component: 'gk-issue-reporter',
  args: { 'base-url': apiUrl, 'grid-id': '', kiosk: false, 'track-url': trackUrl },
  render: (args, { globals }) => {
    const el = element('gk-issue-reporter', args, globals) as GkIssueReporter;
    el.geolocation = here;
    return el;
  },
  parameters: expectState({ text: '您要反映什么问题？' }),
};
export default meta;

type Story = StoryObj;
const at = (until: string, text: string, more: Story = {}): Story => ({
  ...more,
  play: async ({ canvasElement }) => walk(canvasElement, until),
  parameters: { ...more.parameters, ...expectState({ text, ...more.parameters?.expect }) },
});
const receipt = '已提交，感谢您的反映';

/** Step 1: what, grouped by kind, searchable. */
export const What: Story = {};
export const WhatWithError = at('what-error', '请选择问题类别。');
export const Details = at('details', '关于“路灯故障”的更多情况');
export const Where = at('where', '问题在哪里？');
export const Photos = at('photos', '添加照片');
export const Describe = at('describe', '请描述问题');
export const Contact = at('contact', '是否留下联系方式？');
export const Review = at('review', '请核对后提交');
/** Sends the report (answered by msw on the contract's shape) and shows its receipt. */
export const Receipt = at('receipt', receipt);
/** A kiosk that knows its grid: no grid question, large targets, idle reset after 90 s. */
export const Kiosk: Story = {
  args: { kiosk: true, 'grid-id': demoGrids.grid },
  parameters: { layout: 'fullscreen' },
};
export const KioskReceipt = at('receipt', receipt, { args: { kiosk: true, 'grid-id': demoGrids.grid } });

/** Posts fail as if offline: the report is kept on the device ("saved, will be sent"). */
export const Queued = at('receipt', '已保存在本机，将自动发送', {
  args: { 'grid-id': demoGrids.grid },
  parameters: { msw: { handlers: [fail.writes] }, expect: { networkError: true } },
});

/** The server refuses the report for good (a 422 no field owns): its reason is shown, with "change" or "discard". */
export const Rejected = at('receipt', 'This grid no longer takes reports', {
  args: { 'grid-id': demoGrids.grid },
  parameters: { msw: { handlers: [fail.rejectReport] }, expect: { statuses: [422] } },
});

export const Loading: Story = {
  parameters: networkStates.loading,
};
export const ServerError: Story = {
  parameters: networkStates.serverError,
};
export const Offline: Story = {
  parameters: networkStates.unreachable,
};
