/**
 * What does not fit, measured in the browser for `layout.test.ts`: the page
 * scrolling sideways, text wider than the box that holds it, text running
 * out of a tile, a badge or a card, two texts painted over each other, a
 * region scrolling sideways that is not meant to, and a select cutting its
 * chosen option short. Each problem comes back as a line naming the widget
 * and the text, so a failure says where to look.
 */

/** Sub-pixel layout and font hinting: less than this is no misfit. */
const slack = 1;

interface Line {
  /** The element whose own text this line is part of. */
  owner: Element;
  rect: DOMRect;
}

/** The element's parent, or the host of the shadow root it is at the top of. */
const up = (node: Element): Element | null =>
  node.parentElement ?? ((node.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;

const round = (n: number) => Math.round(n);

/** `<tag#id.class>`: enough to find the element in the template. */
export const tagOf = (element: Element) =>
  `<${element.localName}${element.id ? `#${element.id}` : ''}${
    element.className && typeof element.className === 'string'
      ? `.${element.className.trim().split(/\s+/).join('.')}`
      : ''
  }>`;

/** The visible words of an element (its whole text, squeezed and cut short). */
export const wordsOf = (element: Element) => `"${element.textContent!.trim().replace(/\s+/g, ' ').slice(0, 40)}"`;

const describe = (element: Element) => `${tagOf(element)} ${wordsOf(element)}`;

/** The widget an element is drawn by: its shadow roots' hosts, outermost first ("gk-kiosk › gk-case-tracker"). */
function widgetOf(element: Element): string {
  const hosts: string[] = [];
  for (let root = element.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) {
    hosts.unshift(root.host.localName);
  }
  return hosts.join(' › ') || element.localName;
}

/** Every element in every shadow root under `root` (nested widgets too), in document order. */
function allElements(root: Element): Element[] {
  const found: Element[] = [];
  const visit = (scope: ParentNode) => {
    for (const element of scope.querySelectorAll('*')) {
      found.push(element);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  if (root.shadowRoot) visit(root.shadowRoot);
  for (const element of root.querySelectorAll('*')) {
    // Light-DOM children (a provider's widget): their shadow roots count too.
    if (element.shadowRoot && !found.includes(element)) {
      found.push(element);
      visit(element.shadowRoot);
    }
  }
  return found;
}

/** One measuring pass: computed styles are read once per element. */
class Pass {
  private readonly styles = new Map<Element, CSSStyleDeclaration>();
  private readonly hiddenCache = new Map<Element, boolean>();
  private readonly layers = new Map<Element, Element | null>();
  readonly problems = new Set<string>();

  constructor(readonly root: Element) {}

  style(element: Element) {
    let style = this.styles.get(element);
    if (!style) this.styles.set(element, (style = getComputedStyle(element)));
    return style;
  }

  /** Out of sight: display:none or a 1 px visually-hidden box on it or above it. */
  private hiddenBox(element: Element): boolean {
    let hidden = this.hiddenCache.get(element);
    if (hidden === undefined) {
      const style = this.style(element);
      const parent = up(element);
      hidden =
        style.display === 'none' || style.clipPath === 'inset(50%)' || (parent !== null && this.hiddenBox(parent));
      this.hiddenCache.set(element, hidden);
    }
    return hidden;
  }

  /** Shown to sighted users (visibility is inherited: the element's own value is the one that counts). */
  shown(element: Element) {
    return this.style(element).visibility !== 'hidden' && !this.hiddenBox(element);
  }

  /** Lays out a box of its own: not an inline run of text, not `display: contents`. */
  isBox(element: Element) {
    const display = this.style(element).display;
    return display !== 'inline' && display !== 'contents';
  }

  /**
   * A region meant to scroll sideways (a wide table's wrapper): its overflow
   * is reachable, so text in it may run past its edges. Any other region that
   * scrolls sideways (the kiosk's screen, say) is a misfit.
   */
  scrollsByDesign(element: Element) {
    return /auto|scroll/.test(this.style(element).overflowX) && element.querySelector('table') !== null;
  }

  /**
   * The layer an element is painted in: the nearest box at or above it that
   * stays put while the rest scrolls under it (a kiosk step's sticky action
   * bar). Text scrolling under such a bar is hidden by it, not run into.
   */
  layer(element: Element): Element | null {
    let layer = this.layers.get(element);
    if (layer === undefined) {
      const parent = element === this.root ? null : up(element);
      layer = /sticky|fixed/.test(this.style(element).position) ? element : parent ? this.layer(parent) : null;
      this.layers.set(element, layer);
    }
    return layer;
  }

  /** A box a reader sees the edges of: a border, a background, or clipping. */
  bounded(element: Element) {
    if (element === this.root || element.shadowRoot) return true;
    const style = this.style(element);
    if (style.overflowX !== 'visible') return true;
    if (style.backgroundImage !== 'none') return true;
    if (!/rgba\(.*,\s*0\)|transparent/.test(style.backgroundColor)) return true;
    const edge = (side: 'Left' | 'Right') =>
      parseFloat(style[`border${side}Width`]) > 0 && style[`border${side}Style`] !== 'none';
    return edge('Left') && edge('Right');
  }
}

/** The lines of an element's own text (not its children's), as painted. */
function ownLines(element: Element): DOMRect[] {
  const lines: DOMRect[] = [];
  for (const node of element.childNodes) {
    if (node.nodeType !== Node.TEXT_NODE || !node.textContent!.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) if (rect.width > 0 && rect.height > 0) lines.push(rect);
  }
  return lines;
}

/** How far `rect` runs out of `box` sideways, in px (0 when inside). */
const outside = (rect: DOMRect, box: DOMRect) => Math.max(box.left - rect.left, rect.right - box.right, 0);

/** Two painted lines on top of each other: sideways by more than the slack, over half the lower one's height. */
function overlapping(a: DOMRect, b: DOMRect) {
  const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return across > slack + 1 && down > Math.min(a.height, b.height) / 2;
}

/**
 * A select shows its chosen option on one line, cut short ("最近 12 个月（2026…")
 * when the select is narrower than it, unless it wraps it onto more lines (a
 * customizable select). Measured with twins of the select that hold only that
 * option and have no minimum height: one as wide as it likes (one line), one
 * as wide as the select. Cut short: the select is narrower than the first and
 * the second is no taller than it.
 */
function selectCut(select: HTMLSelectElement): string | undefined {
  const option = select.selectedOptions[0];
  if (!option) return undefined;
  const shown = select.getBoundingClientRect();
  const twin = (inlineSize: string) => {
    const copy = select.cloneNode(false) as HTMLSelectElement;
    copy.append(option.cloneNode(true));
    copy.removeAttribute('id');
    copy.setAttribute('aria-hidden', 'true');
    Object.assign(copy.style, {
      position: 'absolute',
      visibility: 'hidden',
      insetInlineStart: '0',
      insetBlockStart: '0',
      boxSizing: 'border-box',
      inlineSize,
      maxInlineSize: 'none',
      minInlineSize: '0',
      minBlockSize: '0',
    });
    select.after(copy);
    const box = copy.getBoundingClientRect();
    copy.remove();
    return box;
  };
  const oneLine = twin('max-content');
  const asShown = twin(`${shown.width}px`);
  if (oneLine.width > shown.width + slack && asShown.height <= oneLine.height + slack) {
    return `${tagOf(select)} "${option.text.trim()}" cut short: needs ${round(oneLine.width)} px on one line, has ${round(shown.width)}`;
  }
  return undefined;
}

/**
 * What does not fit in `root` (and the widgets inside it), as readable lines:
 *
 * - the page scrolls sideways;
 * - a box is narrower than its text (scrollWidth > clientWidth);
 * - an element's own text, measured with a Range, runs out of its own box, or
 *   out of a tile, badge, button or card around it (anything with a visible
 *   edge), or out of its widget;
 * - two texts are painted over each other (a label running into the next);
 * - a region scrolls sideways that is not a wide table's wrapper;
 * - a select cuts its chosen option short.
 */
export function misfits(root: Element): string[] {
  const pass = new Pass(root);
  const { problems } = pass;
  const page = document.documentElement;
  const elements = allElements(root);
  if (page.scrollWidth > page.clientWidth) {
    // Name the innermost boxes that stick out, so a failure says where to look.
    const out = [root, ...elements].filter(
      (e) => pass.shown(e) && e.getClientRects().length > 0 && e.getBoundingClientRect().right > page.clientWidth + 1,
    );
    const innermost = out.filter(
      (e) => !out.some((o) => o !== e && e.contains(o) && o.getRootNode() === e.getRootNode()),
    );
    problems.add(
      `page scrolls sideways: ${page.scrollWidth} > ${page.clientWidth} (${innermost
        .slice(0, 3)
        .map((e) => `${widgetOf(e)} ${describe(e)} right ${round(e.getBoundingClientRect().right)}`)
        .join('; ')})`,
    );
  }

  const lines: Line[] = [];
  const scrollers = new Set<Element>();
  for (const element of elements) {
    if (element instanceof HTMLSelectElement && pass.shown(element) && element.getClientRects().length > 0) {
      const cut = selectCut(element);
      if (cut) problems.add(`${widgetOf(element)}: ${cut}`);
      continue;
    }
    const own = ownLines(element);
    if (own.length === 0 || !pass.shown(element)) continue;
    const widget = widgetOf(element);
    const what = describe(element);

    // The box that lays the text out: the element, or the block an inline run is in.
    let box: Element = element;
    while (!pass.isBox(box) && up(box)) box = up(box)!;

    // Up through every box to the outermost widget: where the text must stay inside. On the way, the boxes
    // that clip (a scrolled screen): a line scrolled out of one is not on screen to run into anything.
    let byDesign = false;
    let reported = false;
    const clips: DOMRect[] = [];
    for (let node: Element | null = box; node; node = node === root ? null : up(node)) {
      if (pass.scrollsByDesign(node)) {
        byDesign = true;
        break;
      }
      const style = pass.style(node);
      if (/auto|scroll/.test(style.overflowX)) scrollers.add(node);
      if (node !== box && (style.overflowX !== 'visible' || style.overflowY !== 'visible')) {
        clips.push(node.getBoundingClientRect());
      }
      if (reported || (node !== box && !(pass.isBox(node) && pass.bounded(node)))) continue;
      const edge = node.getBoundingClientRect();
      const worst = Math.max(...own.map((rect) => outside(rect, edge)));
      if (worst > slack) {
        const where = node === box ? 'its own box' : node.shadowRoot ? `the widget <${node.localName}>` : tagOf(node);
        problems.add(`${widget}: ${what} runs ${round(worst)} px out of ${where}`);
        reported = true;
      }
    }
    if (byDesign) continue;

    // A box narrower than its text (clipped, ellipsed, or spilling where no edge shows).
    if (pass.isBox(element) && element.scrollWidth > element.clientWidth + slack && element.clientWidth > 0) {
      problems.add(`${widget}: ${what} clipped: ${element.scrollWidth} > ${element.clientWidth}`);
    }
    // The element's own box sticking out of its widget (a block wider than the card, say).
    const host = ((element.getRootNode() as ShadowRoot).host ?? root).getBoundingClientRect();
    const rect = element.getBoundingClientRect();
    if (rect.right > host.right + slack || rect.left < host.left - slack) {
      problems.add(
        `${widget}: ${what} sticks out of the widget: ${round(rect.left)}–${round(rect.right)} outside ${round(host.left)}–${round(host.right)}`,
      );
    }
    const onScreen = (rect: DOMRect) => clips.every((clip) => rect.bottom > clip.top && rect.top < clip.bottom);
    for (const rect of own) if (onScreen(rect)) lines.push({ owner: element, rect });
  }

  for (const scroller of scrollers) {
    if (scroller.scrollWidth > scroller.clientWidth + slack) {
      problems.add(
        `${widgetOf(scroller)}: ${tagOf(scroller)} scrolls sideways: ${scroller.scrollWidth} > ${scroller.clientWidth}`,
      );
    }
  }

  // Texts painted over each other: sorted top to bottom, each line against those that start above its bottom.
  lines.sort((a, b) => a.rect.top - b.rect.top);
  for (let i = 0; i < lines.length; i += 1) {
    const a = lines[i]!;
    for (let j = i + 1; j < lines.length && lines[j]!.rect.top < a.rect.bottom; j += 1) {
      const b = lines[j]!;
      if (b.owner === a.owner || !overlapping(a.rect, b.rect)) continue;
      if (pass.layer(a.owner) !== pass.layer(b.owner)) continue;
      const across = round(Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left));
      problems.add(`${widgetOf(a.owner)}: ${describe(a.owner)} runs into ${describe(b.owner)} (${across} px)`);
    }
  }
  return [...problems];
}
