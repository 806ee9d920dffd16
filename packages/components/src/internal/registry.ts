/**
 * Registers a tag unless it is taken. A second copy of the library on the
 * page (a CMS plugin and a theme both bundling Gridkit) must not break the
 * page, so a clash warns instead of throwing.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (!existing) customElements.define(tag, element);
  else if (existing !== element)
    console.warn(`<${tag}> is already defined by another copy of Gridkit; keeping the first.`);
}
