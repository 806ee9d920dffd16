/**
 * The injection test's pages: a copy of the built demo pages (the no-build
 * bundle `gridkit.js` and its chunks) plus one page of our own, served by the
 * mock server's `demoDir` so that the server's own Content-Security-Policy
 * header applies. No inline script (the CSP forbids it): the page loads
 * `inj-guard.js` (a classic script, so it runs before anything else) and
 * `inj-page.js`, which builds the widgets from `inj-<name>.json`.
 */
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const builtDemo = fileURLToPath(new URL('../../../packages/components/dist/demo/', import.meta.url));

/** One widget on a test page: its tag, attributes, and the strings its rendered text must contain. */
export interface WidgetSpec {
  key: string;
  tag: string;
  attrs: Record<string, string>;
  /** Outside `<gk-provider>` (the kiosk has its own `base-url`). */
  standalone?: boolean;
  expect: string[];
}
export interface PageSpec {
  name: string;
  lang: string;
  /** A staff token set on the provider as a property (never in the DOM), as the service-log demo does. */
  token?: string;
  widgets: WidgetSpec[];
  /** Positive control only: `inj-page.js` puts this string into the page with `innerHTML`. */
  unsafeHtml?: string;
}

const html = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <title>Gridkit injection test</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="./demo.css" />
    <script src="./inj-guard.js"></script>
    <script type="module" src="./gridkit.js"></script>
    <script type="module" src="./inj-page.js"></script>
  </head>
  <body>
    <gk-provider base-url="/api/v1"><main class="page single"></main></gk-provider>
    <div id="standalone"></div>
    <div id="unsafe"></div>
  </body>
</html>
`;

// Runs first: the vectors call __xss(id); every CSP report is kept, from the page's first moment.
const guard = `'use strict';
window.__injection = { calls: [], violations: [] };
window.__xss = function (id) { window.__injection.calls.push(String(id)); };
var keep = function (event) {
  window.__injection.violations.push(event.violatedDirective + ' ' + (event.blockedURI || '') + ' ' + (event.sample || ''));
};
document.addEventListener('securitypolicyviolation', keep, true);
window.addEventListener('securitypolicyviolation', keep, true);
`;

const page = `const name = new URLSearchParams(location.search).get('config');
const config = await fetch('./inj-' + name + '.json').then((r) => r.json());
document.documentElement.lang = config.lang;
const provider = document.querySelector('gk-provider');
if (config.token) provider.token = config.token;
for (const w of config.widgets) {
  const el = document.createElement(w.tag);
  for (const [k, v] of Object.entries(w.attrs)) el.setAttribute(k, v);
  el.dataset.inj = w.key;
  (w.standalone ? document.querySelector('#standalone') : provider.querySelector('main')).append(el);
}
// The positive control's deliberate hole: what a widget that forgot to escape would do.
if (config.unsafeHtml) document.querySelector('#unsafe').innerHTML = config.unsafeHtml;
window.__injection.ready = true;
`;

/** A copy of the built demo pages in `dir`, with the test page and its scripts. */
export function writeDemoCopy(dir: string) {
  cpSync(builtDemo, dir, { recursive: true });
  writeFileSync(join(dir, 'inj.html'), html);
  writeFileSync(join(dir, 'inj-guard.js'), guard);
  writeFileSync(join(dir, 'inj-page.js'), page);
}

export function writePageSpec(dir: string, spec: PageSpec) {
  writeFileSync(join(dir, `inj-${spec.name}.json`), JSON.stringify(spec));
}

export interface Inspection {
  /** Strings a widget should show as text and does not (yet): `key: string`. */
  missing: string[];
  /** Elements or attributes no widget template makes. */
  injected: string[];
  calls: string[];
  violations: string[];
  elements: number;
}

/**
 * Runs in the page (passed to `page.evaluate`, so it must not close over
 * anything): walks the document and every shadow root.
 */
export function inspectPage(expected: Record<string, string[]>): Inspection {
  const state = (window as unknown as { __injection: { calls: string[]; violations: string[] } }).__injection;
  // Tags no widget template renders (the widgets do render svg, form, input, select, textarea, button, a and img;
  // those are caught by their attributes below).
  const forbiddenTags = new Set([
    'script',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'applet',
    'base',
    'meta',
    'link',
    'style',
    'math',
    'mtext',
    'mglyph',
    'foreignobject',
    'animate',
    'set',
    'xmp',
    'plaintext',
    'noscript',
    'isindex',
    'marquee',
    'video',
    'audio',
    'source',
    'template',
    'slot',
    'body',
    'html',
    'head',
    'title',
    'table',
    'details',
  ]);
  const urlAttributes = new Set([
    'href',
    'xlink:href',
    'src',
    'action',
    'formaction',
    'data',
    'poster',
    'background',
    'dynsrc',
    'lowsrc',
    'to',
    'from',
    'values',
  ]);
  // Attributes whose value is the data shown (Lit binds names into these): a marker there is text, not markup.
  const textAttributes = /^(aria-[a-z]+|title|alt|value|placeholder|content)$/;
  const injected: string[] = [];
  let elements = 0;
  const where = (el: Element) => {
    const host = (el.getRootNode() as ShadowRoot).host;
    return `${host ? host.localName + ' > ' : ''}<${el.localName}${el.id ? '#' + el.id : ''}>`;
  };
  const check = (el: Element, inWidget: boolean) => {
    elements += 1;
    const tag = el.localName.toLowerCase();
    // Widgets render these themselves (resolution rate: tables, a <details> disclosure; provider: a <slot>); one a
    // vector made would carry its marker (checked below).
    const widgetTag = (tag === 'table' || tag === 'slot' || tag === 'details') && !el.closest('#unsafe');
    if (inWidget && forbiddenTags.has(tag) && !widgetTag) injected.push(`forbidden element ${where(el)}`);
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase();
      const value = attr.value;
      // eslint-disable-next-line no-control-regex -- browsers drop C0 controls and spaces from a URL scheme
      const squashed = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
      if (name.startsWith('on')) injected.push(`handler attribute ${name} on ${where(el)}`);
      if (name === 'srcdoc' || name === 'shadowrootmode') injected.push(`${name} on ${where(el)}`);
      if (/gkx|lit\$/.test(name)) injected.push(`attribute named ${name} on ${where(el)}`);
      if (urlAttributes.has(name) && /^(javascript:|vbscript:|data:text\/html|data:text\/javascript)/.test(squashed))
        injected.push(`${name}=${value.slice(0, 40)} on ${where(el)}`);
      if (name === 'style' && /expression\(|javascript:|url\(/.test(squashed))
        injected.push(`style ${value.slice(0, 40)} on ${where(el)}`);
      if (name === 'http-equiv') injected.push(`http-equiv on ${where(el)}`);
      if (/gkx\d/.test(value) && !textAttributes.test(name))
        injected.push(`marker in ${name}="${value.slice(0, 40)}" on ${where(el)}`);
    }
  };
  const walk = (root: Document | ShadowRoot | Element, inWidget: boolean) => {
    for (const el of root.querySelectorAll('*')) {
      const widget = inWidget || el.localName.startsWith('gk-') || !!el.closest('#unsafe');
      check(el, widget || !!el.closest('gk-provider, #standalone, #unsafe'));
      if (el.shadowRoot) walk(el.shadowRoot, true);
    }
  };
  walk(document, false);
  // The head holds exactly what inj.html put there.
  if (document.head.children.length !== 7) injected.push(`head has ${document.head.children.length} elements, not 7`);
  if (document.querySelectorAll('body').length !== 1) injected.push('a second body');

  const composed = (node: Node): string => {
    let text = '';
    const visit = (n: Node) => {
      if (n.nodeType === Node.TEXT_NODE) text += (n as Text).data;
      const shadow = (n as Element).shadowRoot;
      if (shadow) visit(shadow);
      for (const child of n.childNodes) visit(child);
    };
    visit(node);
    return text;
  };
  const missing: string[] = [];
  for (const [key, strings] of Object.entries(expected)) {
    const el = document.querySelector(`[data-inj="${key}"]`);
    const text = el ? composed(el) : '';
    for (const s of strings) if (!text.includes(s)) missing.push(`${key}: ${JSON.stringify(s.slice(0, 60))}`);
  }
  return { missing, injected, calls: [...state.calls], violations: [...state.violations], elements };
}
