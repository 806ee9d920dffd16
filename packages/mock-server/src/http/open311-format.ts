/**
 * Open311 bodies in the two formats the spec names: JSON (arrays and objects
 * as they are) and XML (UTF-8 with its declaration, a root element per
 * resource, one child element per item, lists of values as repeated
 * elements), built with fast-xml-parser so text is escaped as XML needs.
 */
import { XMLBuilder } from 'fast-xml-parser';

export type Open311Format = 'json' | 'xml';

/** The root element and the element of each item, per kind of answer (the spec's examples). */
const shapes = {
  discovery: { root: 'discovery' },
  services: { root: 'services', item: 'service' },
  serviceDefinition: { root: 'service_definition' },
  requests: { root: 'service_requests', item: 'request' },
  errors: { root: 'errors', item: 'error' },
} as const;
export type Open311Shape = keyof typeof shapes;

/** Lists inside an item: the element that wraps them and the element of each entry. */
const nested: Record<string, string> = {
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

const builder = new XMLBuilder({ ignoreAttributes: false, suppressBooleanAttributes: false, processEntities: true });

/** A value as XML elements: lists wrapped (`<values><value>…`), booleans and numbers as text. */
function toXmlValue(value: unknown, name?: string): unknown {
  if (Array.isArray(value)) {
    const entry = name ? nested[name] : undefined;
    const items = value.map((item) => toXmlValue(item));
    return entry ? { [entry]: items } : items;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toXmlValue(inner, key)]));
  }
  return typeof value === 'boolean' || typeof value === 'number' ? String(value) : value;
}

export const contentTypes: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** The body of an answer in `format`. */
export function renderOpen311(format: Open311Format, shape: Open311Shape, body: unknown): string {
  if (format === 'json') return JSON.stringify(body);
  const { root } = shapes[shape];
  const item = 'item' in shapes[shape] ? (shapes[shape] as { item: string }).item : undefined;
  const content = item ? { [item]: (body as unknown[]).map((entry) => toXmlValue(entry)) } : toXmlValue(body);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: content }) as string}`;
}
