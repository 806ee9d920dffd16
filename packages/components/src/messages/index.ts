import { en } from './en.js';
import { zhCN, type CommonMessages } from './zh-CN.js';
import { zhTW } from './zh-TW.js';

export type { CommonMessages };
export type Locale = 'zh-CN' | 'zh-TW' | 'en';
export const locales: readonly Locale[] = ['zh-CN', 'zh-TW', 'en'];

/** One widget's texts in every language. */
export type Catalog<T> = Record<Locale, T>;

export const commonMessages: Catalog<CommonMessages> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

/** Declares a widget's catalog: zh-CN is the source, and the other languages must match its shape. */
export function defineMessages<T>(catalog: { 'zh-CN': T; 'zh-TW': NoInfer<T>; en: NoInfer<T> }): Catalog<T> {
  return catalog;
}

/** Maps any BCP 47 tag to one of our catalogs: Traditional script and its regions → zh-TW, other Chinese → zh-CN. */
export function toLocale(tag: string | null | undefined): Locale {
  const lower = (tag ?? '').toLowerCase();
  if (/^zh-(tw|hk|mo|hant)/.test(lower)) return 'zh-TW';
  if (lower.startsWith('en')) return 'en';
  return 'zh-CN';
}
