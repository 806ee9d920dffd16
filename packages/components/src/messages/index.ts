import { en } from './en.js';
import { zhCN, type Messages } from './zh-CN.js';
import { zhTW } from './zh-TW.js';

export type { Messages };
export type Locale = 'zh-CN' | 'zh-TW' | 'en';

export const catalogs: Record<Locale, Messages> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

/** Maps any BCP 47 tag to one of our catalogs: Traditional script and its regions → zh-TW, other Chinese → zh-CN. */
export function toLocale(tag: string | null | undefined): Locale {
  const lower = (tag ?? '').toLowerCase();
  if (/^zh-(tw|hk|mo|hant)/.test(lower)) return 'zh-TW';
  if (lower.startsWith('en')) return 'en';
  return 'zh-CN';
}
