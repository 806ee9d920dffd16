import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { catalogs, toLocale, type Locale, type Messages } from '../messages/index.js';

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
export class LocalizeController implements ReactiveController {
  constructor(private readonly host: Host) {
    host.addController(this);
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

  get messages(): Messages {
    return catalogs[this.locale];
  }

  number(value: number): string {
    return new Intl.NumberFormat(this.locale).format(value);
  }

  percent(value: number, digits = 1): string {
    return new Intl.NumberFormat(this.locale, { style: 'percent', maximumFractionDigits: digits }).format(value);
  }

  date(value: string | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
    return new Intl.DateTimeFormat(this.locale, { timeZone: 'Asia/Shanghai', ...options }).format(new Date(value));
  }

  /** Role names: ours for known roles, the API's label for others, the raw value last. */
  role(role: string, label?: Partial<Record<string, string>>): string {
    return this.messages.roles[role] ?? label?.[this.locale] ?? label?.['zh-CN'] ?? role;
  }
}
