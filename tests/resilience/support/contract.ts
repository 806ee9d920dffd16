/** The contract (openapi/gridkit.yaml) as data: every operation with its parameters and body schema. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  propertyNames?: Schema;
  maxProperties?: number;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  default?: unknown;
};

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

export interface Operation {
  id: string;
  method: 'GET' | 'POST';
  /** `/grids/{gridId}` (relative to `/api/v1`). */
  path: string;
  /** No `security: []`: needs a staff token. `optionalAuth`: public, but reads a staff token when sent. */
  staff: boolean;
  optionalAuth: boolean;
  parameters: Parameter[];
  /** `application/json` or `multipart/form-data`, and its schema. */
  body?: { contentType: string; schema: Schema; required: boolean };
  statuses: string[];
}

interface RawDoc {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: Record<string, Record<string, unknown>>;
  security?: unknown[];
}

export const contractFile = new URL('../../../openapi/gridkit.yaml', import.meta.url);
export const doc = parse(readFileSync(contractFile, 'utf8')) as RawDoc;

/** Follows `#/components/...` references. */
export function deref<T = Schema>(node: unknown): T {
  let current = node as { $ref?: string };
  while (current && typeof current === 'object' && current.$ref) {
    const [, , section, name] = current.$ref.split('/');
    current = doc.components[section!]![name!] as { $ref?: string };
  }
  return current as T;
}

export const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([, op]) => typeof op === 'object' && op !== null && 'operationId' in op)
    .map(([method, raw]) => {
      const op = raw as {
        operationId: string;
        security?: Record<string, unknown>[];
        parameters?: unknown[];
        requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
        responses: Record<string, unknown>;
      };
      const security = (op.security ?? doc.security ?? []) as Record<string, unknown>[];
      const parameters = (op.parameters ?? []).map((p) => {
        const param = deref<Parameter & { schema: Schema }>(p);
        return { ...param, required: Boolean(param.required), schema: deref(param.schema) };
      });
      const [contentType, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
      return {
        id: op.operationId,
        method: method.toUpperCase() as Operation['method'],
        path,
        staff: security.length > 0 && security.every((s) => Object.keys(s).length > 0),
        optionalAuth: security.some((s) => Object.keys(s).length === 0) && security.length > 1,
        parameters,
        body: contentType
          ? { contentType, schema: deref(media!.schema), required: Boolean(op.requestBody!.required) }
          : undefined,
        statuses: Object.keys(op.responses),
      };
    }),
);

export const operation = (id: string) => operations.find((o) => o.id === id)!;
