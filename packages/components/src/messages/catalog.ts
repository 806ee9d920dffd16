import type { CommonMessages } from './zh-CN.js';

export type { CommonMessages };
export type Locale = 'zh-CN' | 'zh-TW' | 'en';

/** A module whose default export is one language's texts, loaded by `import()`. */
export type TextsModule<T> = () => Promise<{ default: T }>;

/**
 * One widget's texts: zh-CN, the source language, bundled; zh-TW and en as
 * modules loaded on first use (`loadTexts`), so a page pays only for the
 * languages it shows.
 */
export interface Catalog<T> {
  'zh-CN': T;
  'zh-TW': TextsModule<T>;
  en: TextsModule<T>;
}

/** Declares a widget's catalog: zh-CN is the source, and the other languages must match its shape. */
export function defineMessages<T>(catalog: {
  'zh-CN': T;
  'zh-TW': TextsModule<NoInfer<T>>;
  en: TextsModule<NoInfer<T>>;
}): Catalog<T> {
  return catalog;
}

interface Loading {
  texts?: object;
  pending?: Promise<void>;
  failedAt?: number;
}

const loads = new WeakMap<Catalog<object>, Map<Locale, Loading>>();

/** After a failed load (a dropped network), how long the zh-CN texts stand in before the next try. */
const retryAfterMs = 30_000;

function loadingOf(catalog: Catalog<object>, locale: Locale): Loading {
  let byLocale = loads.get(catalog);
  if (!byLocale) loads.set(catalog, (byLocale = new Map()));
  let loading = byLocale.get(locale);
  if (!loading) byLocale.set(locale, (loading = {}));
  return loading;
}

/** The catalog's texts in `locale` if they are loaded (zh-CN always is), else `undefined`. */
export function textsIn<T>(catalog: Catalog<T>, locale: Locale): T | undefined {
  if (locale === 'zh-CN') return catalog['zh-CN'];
  return loadingOf(catalog as Catalog<object>, locale).texts as T | undefined;
}

/**
 * Loads the catalog's texts in `locale`; `undefined` when there is nothing to
 * wait for (loaded already, or a failed load is waiting for its next try).
 * A failed load never rejects: the caller renders zh-CN meanwhile.
 */
export function loadTexts<T>(catalog: Catalog<T>, locale: Locale): Promise<void> | undefined {
  if (locale === 'zh-CN') return undefined;
  const loading = loadingOf(catalog as Catalog<object>, locale);
  if (loading.texts) return undefined;
  if (loading.pending) return loading.pending;
  if (loading.failedAt !== undefined && Date.now() - loading.failedAt < retryAfterMs) return undefined;
  loading.pending = catalog[locale]()
    .then((module) => {
      loading.texts = module.default as object;
      loading.failedAt = undefined;
    })
    .catch((error: unknown) => {
      loading.failedAt = Date.now();
      console.warn(`Gridkit: the ${locale} texts did not load; showing zh-CN until they do.`, error);
    })
    .finally(() => {
      loading.pending = undefined;
    });
  return loading.pending;
}

/** Maps any BCP 47 tag to one of our catalogs: Traditional script and its regions → zh-TW, other Chinese → zh-CN. */
export function toLocale(tag: string | null | undefined): Locale {
  const lower = (tag ?? '').toLowerCase();
  if (/^zh-(tw|hk|mo|hant)/.test(lower)) return 'zh-TW';
  if (lower.startsWith('en')) return 'en';
  return 'zh-CN';
}
