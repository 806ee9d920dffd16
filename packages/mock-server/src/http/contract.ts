import contractJson from '../generated/contract.json' with { type: 'json' };

/** The contract as shipped in this package (`pnpm generate` copies it from openapi/gridkit.yaml). */
export const contract = contractJson as unknown as OpenApiDocument;

export interface JsonSchema {
  [keyword: string]: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
  explode?: boolean;
  style?: string;
}

interface MediaTypeObject {
  schema?: JsonSchema;
}

interface ResponseObject {
  content?: Record<string, MediaTypeObject>;
  headers?: Record<string, unknown>;
}

interface OperationObject {
  operationId: string;
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required?: boolean; content: Record<string, MediaTypeObject> } | { $ref: string };
  responses: Record<string, ResponseObject | { $ref: string }>;
  security?: Record<string, string[]>[];
}

interface OpenApiDocument {
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, OperationObject>>;
  components: Record<string, Record<string, unknown>>;
}

/** Who may call an operation, from its `security` requirement. */
export type Access = 'public' | 'staff' | 'optional-staff';

export interface Operation {
  operationId: string;
  method: string;
  /** As in the contract: `/grids/{gridId}`. */
  path: string;
  /** As Hono routes it: `/grids/:gridId`. */
  routePath: string;
  access: Access;
  parameters: Parameter[];
  requestBody?: { required: boolean; content: Record<string, MediaTypeObject> };
  responses: Record<string, ResponseObject>;
  /** Declares an `Idempotency-Key` header: writes are deduplicated by it. */
  idempotent: boolean;
}

function deref<T>(value: T | { $ref: string }): T {
  if (value && typeof value === 'object' && '$ref' in value) {
    const [, section, name] = /^#\/components\/([^/]+)\/(.+)$/.exec(value.$ref) ?? [];
    const target = section && name ? contract.components[section]?.[name] : undefined;
    if (!target) throw new Error(`Unresolvable $ref ${value.$ref}`);
    return deref(target as T | { $ref: string });
  }
  return value as T;
}

function accessOf(security: Record<string, string[]>[]): Access {
  if (security.length === 0) return 'public';
  return security.some((requirement) => Object.keys(requirement).length === 0) ? 'optional-staff' : 'staff';
}

const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** Every operation of the contract, with `$ref`s of parameters, bodies and responses resolved. */
export const operations: Operation[] = Object.entries(contract.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => methods.includes(method))
    .map(([method, op]) => {
      const parameters = (op.parameters ?? []).map((p) => deref<Parameter>(p));
      const requestBody = op.requestBody ? deref(op.requestBody) : undefined;
      return {
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        routePath: path.replace(/\{([^}]+)\}/g, ':$1'),
        access: accessOf(op.security ?? contract.security ?? []),
        parameters,
        requestBody: requestBody && { required: requestBody.required ?? false, content: requestBody.content },
        responses: Object.fromEntries(
          Object.entries(op.responses).map(([status, response]) => [status, deref<ResponseObject>(response)]),
        ),
        idempotent: parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'),
      };
    }),
);

export type OperationId = Operation['operationId'];
