import { supportsAdoptingStyleSheets, type CSSResult } from 'lit';

/**
 * Adds styles that came with a lazily loaded chunk after the element's own,
 * keeping what is already there (several chunks may each add theirs). The
 * same fallback as Lit's `adoptStyles` where constructable sheets are missing.
 */
export function addStyles(root: ShadowRoot, styles: readonly CSSResult[]) {
  if (supportsAdoptingStyleSheets) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...styles.map((s) => s.styleSheet!)];
    return;
  }
  for (const s of styles) {
    const style = document.createElement('style');
    style.textContent = s.cssText;
    root.appendChild(style);
  }
}
