import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadTexts, textsIn, toLocale, type Catalog, type CommonMessages, type Locale } from '../messages/catalog.js';
import { commonCatalog } from '../messages/common.js';

type Host = ReactiveControllerHost & HTMLElement;

// One observer for the whole page: any `lang` change re-renders every widget.
const hosts = new Set<Host>();
let observer: MutationObserver | undefined;

function watch(host: Host) {
  hosts.add(host);
  if (!observer) {
    observer = new MutationObserver(() => hosts.forEach((h) => h.requestUpdate()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }
}

// Every catalog an element speaks with: its own, and those its chunks brought.
const catalogsOf = new WeakMap<Host, LocalizeController[]>();

/**
 * Settles when all the element's texts are here in its current language (its
 * own and those its chunks loaded on demand brought); `undefined` when there
 * is nothing to wait for.
 */
export function whenTextsLoaded(host: Host): Promise<unknown> | undefined {
  const loading = (catalogsOf.get(host) ?? []).map((texts) => texts.whenLoaded()).filter(Boolean);
  return loading.length ? Promise.all(loading) : undefined;
}

// Building an Intl formatter costs far more than using one (a board made
// several per render): one per kind, locale and options for the page's life.
const formatters = new Map<string, { format(value: never): string }>();

export function formatter<Options, F extends { format(value: never): string }>(
  kind: new (locale: string, options: Options) => F,
  locale: string,
  options: Options,
): F {
  const key = `${kind.name} ${locale} ${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) formatters.set(key, (cached = new kind(locale, options)));
  return cached as F;
}

/** The nearest `lang`, looking through shadow roots up to `<html>`. */
function langOf(element: Element): string | undefined {
  for (let node: Node | null = element; node;) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') ?? undefined;
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return undefined;
}

/**
 * Texts, numbers, percentages and dates in the widget's language: the `lang`
 * on the element or its nearest ancestor, else zh-CN.
 */
export class LocalizeController<Own extends object = object> implements ReactiveController {
  constructor(
    private readonly host: Host,
    private readonly own?: Catalog<Own>,
  ) {
    host.addController(this);
    catalogsOf.set(host, [...(catalogsOf.get(host) ?? []), this]);
  }

  hostConnected() {
    watch(this.host);
  }

  hostDisconnected() {
    hosts.delete(this.host);
  }

  get locale(): Locale {
    return toLocale(langOf(this.host));
  }

  /**
   * The common texts and the widget's own, in the current language; all in
   * zh-CN while the widget's texts in that language are not loaded (see
   * `whenLoaded`), never a mix of two languages.
   */
  get messages(): CommonMessages & Own {
    const locale = this.locale;
    const common = textsIn(commonCatalog, locale);
    const own = this.own && textsIn(this.own, locale);
    if (!common || (this.own && !own))
      return { ...commonCatalog['zh-CN'], ...this.own?.['zh-CN'] } as CommonMessages & Own;
    return { ...common, ...(own as Own) };
  }

  /** Settles when the common and the widget's texts in the current language are here; `undefined` when there is nothing to wait for. */
  whenLoaded(): Promise<void> | undefined {
    const common = loadTexts(commonCatalog, this.locale);
    const own = this.own && loadTexts(this.own, this.locale);
    return common || own ? Promise.all([common, own]).then(() => undefined) : undefined;
  }

  number(value: number): string {
    return formatter(Intl.NumberFormat, this.locale, {}).format(value);
  }

  percent(value: number, digits = 1): string {
    return formatter(Intl.NumberFormat, this.locale, { style: 'percent', maximumFractionDigits: digits }).format(value);
  }

  date(value: string | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
    return formatter(Intl.DateTimeFormat, this.locale, { timeZone: 'Asia/Shanghai', ...options }).format(
      new Date(value),
    );
  }

  /** A `LocalizedText` from the API in the current language, falling back to zh-CN. */
  text(value: Partial<Record<string, string>> | undefined): string | undefined {
    return value?.[this.locale] ?? value?.['zh-CN'];
  }
}
