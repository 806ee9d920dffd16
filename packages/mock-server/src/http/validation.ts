/**
 * Request and response validation compiled from the contract's own schemas
 * (JSON Schema 2020-12, as OpenAPI 3.1 uses). No hand-written checks: what
 * the contract says is what is enforced.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Issue } from '../domain/errors.js';
import { parseInstant } from '../domain/time.js';
import { contract, operations, type JsonSchema, type Operation, type Parameter } from './contract.js';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

const documentId = 'gridkit';

/** Points every `#/components/...` reference at the registered document. */
function absolutize(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(absolutize);
  if (schema && typeof schema === 'object') {
    return Object.fromEntries(
      Object.entries(schema).map(([key, value]) => [
        key,
        key === '$ref' && typeof value === 'string' && value.startsWith('#/')
          ? `${documentId}${value}`
          : absolutize(value),
      ]),
    );
  }
  return schema;
}

function createAjv(coerceTypes: false | 'array') {
  const ajv = new Ajv2020({ allErrors: true, strict: false, coerceTypes, useDefaults: coerceTypes !== false });
  addFormats(ajv);
  // Date-times are read by the one parser the handlers use too: what passes here never fails there.
  ajv.addFormat('date-time', { type: 'string', validate: (text: string) => parseInstant(text) !== undefined });
  ajv.addSchema({ $id: documentId, components: absolutize({ schemas: contract.components.schemas }) });
  return ajv;
}

// Bodies are validated exactly; parameters arrive as strings and are coerced.
const bodyAjv = createAjv(false);
const parameterAjv = createAjv('array');

function issuesOf(
  errors: ErrorObject[] | null | undefined,
  prefix: string,
  rename: (path: string) => string = (path) => path,
): Issue[] {
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (const error of errors ?? []) {
    // Branches of oneOf/anyOf repeat the same complaint; the summary entry says it once.
    let path = `${prefix}${error.instancePath}`;
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'required') {
      path = `${path}/${(error.params as { missingProperty: string }).missingProperty}`;
      message = 'is required';
    } else if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
      const params = error.params as { additionalProperty?: string; unevaluatedProperty?: string };
      path = `${path}/${params.additionalProperty ?? params.unevaluatedProperty}`;
      message = 'is not allowed';
    } else if (error.keyword === 'enum') {
      message = `must be one of: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    }
    path = rename(path);
    const key = `${path} ${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push({ path, message, code: error.keyword });
    }
  }
  return issues;
}

interface ParameterGroup {
  validate: ValidateFunction;
  names: Map<string, Parameter>;
}

function parameterGroup(parameters: Parameter[], location: Parameter['in']): ParameterGroup | undefined {
  const inGroup = parameters.filter((p) => p.in === location);
  if (inGroup.length === 0) return undefined;
  // Header names are case-insensitive: validate them lower-cased.
  const keyOf = (p: Parameter) => (location === 'header' ? p.name.toLowerCase() : p.name);
  const schema = {
    type: 'object',
    properties: Object.fromEntries(inGroup.map((p) => [keyOf(p), absolutize(p.schema)])),
    required: inGroup.filter((p) => p.required).map(keyOf),
  };
  return { validate: parameterAjv.compile(schema), names: new Map(inGroup.map((p) => [keyOf(p), p])) };
}

export interface CompiledOperation {
  operation: Operation;
  path?: ParameterGroup;
  query?: ParameterGroup;
  header?: ParameterGroup;
  /** By media type. */
  bodies: Map<string, ValidateFunction>;
  /** By status code (or `default`) and media type. */
  responses: Map<string, Map<string, ValidateFunction | undefined>>;
}

function compileSchema(ajv: Ajv2020, schema: JsonSchema | undefined): ValidateFunction | undefined {
  return schema ? ajv.compile(absolutize(schema) as JsonSchema) : undefined;
}

function compile(operation: Operation): CompiledOperation {
  return {
    operation,
    path: parameterGroup(operation.parameters, 'path'),
    query: parameterGroup(operation.parameters, 'query'),
    header: parameterGroup(operation.parameters, 'header'),
    bodies: new Map(
      Object.entries(operation.requestBody?.content ?? {}).map(([type, media]) => [
        type,
        compileSchema(bodyAjv, media.schema)!,
      ]),
    ),
    responses: new Map(
      Object.entries(operation.responses).map(([status, response]) => [
        status,
        new Map(
          Object.entries(response.content ?? {}).map(([type, media]) => [
            type,
            type.includes('json') ? compileSchema(bodyAjv, media.schema) : undefined,
          ]),
        ),
      ]),
    ),
  };
}

export const compiledOperations = new Map(operations.map((op) => [op.operationId, compile(op)]));

export interface ParsedParameters {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
}

/** Validates and coerces path, query and header parameters; returns the issues, or the typed values. */
export function validateParameters(
  compiled: CompiledOperation,
  raw: { path: Record<string, string>; query: URLSearchParams; headers: Headers },
): { issues: Issue[]; values: ParsedParameters } {
  const issues: Issue[] = [];
  const values: ParsedParameters = { path: {}, query: {}, header: {} };
  if (compiled.path) {
    values.path = { ...raw.path };
    if (!compiled.path.validate(values.path)) issues.push(...issuesOf(compiled.path.validate.errors, '/path'));
  }
  if (compiled.query) {
    for (const [name, parameter] of compiled.query.names) {
      const all = raw.query.getAll(name);
      if (all.length === 0) continue;
      const isArray = parameter.schema.type === 'array';
      values.query[name] = isArray ? all.flatMap((v) => (parameter.explode === false ? v.split(',') : [v])) : all[0];
    }
    if (!compiled.query.validate(values.query)) issues.push(...issuesOf(compiled.query.validate.errors, '/query'));
  }
  if (compiled.header) {
    for (const name of compiled.header.names.keys()) {
      const value = raw.headers.get(name);
      if (value !== null) values.header[name] = value;
    }
    // Validated lower-cased, reported as the contract spells them (`/header/If-Match`).
    const names = compiled.header.names;
    const spelled = (path: string) =>
      path.replace(/^\/header\/([^/]+)/, (_, key: string) => `/header/${names.get(key)?.name ?? key}`);
    if (!compiled.header.validate(values.header))
      issues.push(...issuesOf(compiled.header.validate.errors, '/header', spelled));
  }
  return { issues, values };
}

export function validateBody(compiled: CompiledOperation, mediaType: string, body: unknown): Issue[] {
  const validate = compiled.bodies.get(mediaType);
  if (!validate) return [{ path: '/body', message: `unsupported media type ${mediaType}`, code: 'malformed' }];
  return validate(body) ? [] : issuesOf(validate.errors, '/body');
}

/** Checks a response against the contract; returns what is wrong with it. */
export function validateResponse(
  compiled: CompiledOperation,
  status: number,
  mediaType: string | undefined,
  body: unknown,
): string[] {
  const declared = compiled.responses.get(String(status)) ?? compiled.responses.get('default');
  if (!declared) return [`status ${status} is not declared`];
  if (declared.size === 0) return mediaType && body !== undefined ? [`status ${status} declares no body`] : [];
  if (!mediaType || !declared.has(mediaType))
    return [`media type ${mediaType ?? '(none)'} is not declared for ${status}`];
  const validate = declared.get(mediaType);
  if (!validate || validate(body)) return [];
  return issuesOf(validate.errors, '').map((issue) => `${issue.path || '/'} ${issue.message}`);
}

/**
 * A checker for data that is not a request or response but must still obey the
 * contract (the seed's fixtures): `schema` may `$ref` `#/components/schemas/...`.
 * Issues are reported at JSON pointers into the checked value.
 */
export function contractChecker(schema: JsonSchema): (value: unknown) => Issue[] {
  const validate = compileSchema(bodyAjv, schema)!;
  return (value) => (validate(value) ? [] : issuesOf(validate.errors, ''));
}
