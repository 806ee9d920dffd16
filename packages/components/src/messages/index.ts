import { en } from './en.js';
import { zhCN } from './zh-CN.js';
import { zhTW } from './zh-TW.js';
import type { CommonMessages, Locale } from './catalog.js';

// The catalog machinery is in catalog.ts: widgets import it from there, so that
// nothing they load imports en.ts and zh-TW.ts statically (a splitting bundler
// would then load them up front, next to the chunks that load them on demand).
export * from './catalog.js';

/**
 * The texts every widget shares, in every language at once (for tools and
 * tests). Widgets load them through `commonCatalog` (common.ts) instead, one
 * language at a time.
 */
export const commonMessages: Record<Locale, CommonMessages> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };
