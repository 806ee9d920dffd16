import type { Globals } from 'storybook/internal/types';
import type { SetupWorker } from 'msw/browser';
import { apiUrl, dropsAfter, fail, fixtures } from './mocks/api.js';

export { apiUrl, fixtures, fail, dropsAfter };

/** Grids of the demo seed the stories show (checked to exist when the fixtures are recorded). */
export const demoGrids = fixtures.demoGrids;

/**
 * What a story must show, checked by test/stories.test.ts in Chromium with no
 * server running: a text of its intended state (zh-CN, the default locale), and
 * the failed responses it causes on purpose (Chromium logs each as a console
 * error, which the test otherwise counts as a failure).
 */
export interface StoryExpectation {
  text: string;
  /** HTTP statuses of error responses the story asks for, e.g. [404]. */
  statuses?: number[];
  /** The story drops the connection on purpose. */
  networkError?: boolean;
  /** A console warning the story means (a page that forgot base-url). */
  warning?: string;
}
export const expectState = (expectation: StoryExpectation) => ({ expect: expectation });

/**
 * Renders `tag` from the story's args, named as in the Custom Elements
 * Manifest: kebab-case names are attributes (booleans toggle them), camelCase
 * names and objects are properties. The toolbar's theme applies unless an arg sets one.
 */
export function element(tag: string, args: Record<string, unknown>, globals: Globals): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(args)) {
    if (typeof value === 'function' || value === undefined || value === null || value === '') continue;
    if (typeof value === 'object' || /[A-Z]/.test(name)) (el as unknown as Record<string, unknown>)[name] = value;
    else if (typeof value === 'boolean') el.toggleAttribute(name, value);
    else el.setAttribute(name, String(value));
  }
  if (!el.hasAttribute('theme')) el.setAttribute('theme', String(globals.theme));
  return el;
}

/**
 * The designed states of a widget that loads from the API, as story
 * parameters: the same failure and the same expected words in every widget.
 */
export const networkStates = {
  loading: { msw: { handlers: [fail.loading] }, ...expectState({ text: '正在加载' }) },
  serverError: { msw: { handlers: [fail.serverError] }, ...expectState({ text: '服务器出错', statuses: [503] }) },
  /** The device is online but no answer comes: "cannot reach the server", told apart from no network. */
  unreachable: {
    msw: { handlers: [fail.unreachable] },
    ...expectState({ text: '无法连接服务器', networkError: true }),
  },
  gridNotFound: expectState({ text: '没有找到该网格', statuses: [404] }),
  /** Loaded once, then the network drops: what was shown stays, with "updated … — reconnecting…". */
  keptAfterFailedRefresh: expectState({ text: '正在重新连接', networkError: true }),
};

/** Loaders of a story that answers once, then drops the connection (see `networkStates.keptAfterFailedRefresh`). */
export const dropAfterFirstAnswer = [({ msw }: { msw?: SetupWorker }) => void msw?.use(dropsAfter())];
