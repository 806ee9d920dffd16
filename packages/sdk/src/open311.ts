/**
 * Open311 GeoReport v2, the read side: the shapes the spec gives (field names
 * as the spec spells them) and a small client for any city's endpoint, the
 * Gridkit mock server's `/open311/v2` among them. Writing to another city
 * needs that city's `api_key` and its own rules; a vendor does that through
 * the city's own documentation, not through this adapter.
 */

/** `GET services.json`: one kind of request a city takes. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description?: string;
  /** Whether `services/{code}` has attributes to ask. */
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  /** Comma-separated. */
  keywords?: string;
  group?: string;
}

export type Open311Datatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

/** One question of a service definition. */
export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: Open311Datatype;
  required: boolean;
  datatype_description?: string;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

/** `GET services/{service_code}.json`. */
export interface Open311ServiceDefinition {
  service_code: string;
  attributes: Open311Attribute[];
}

/** `GET requests.json` and `requests/{id}.json`: a service request as the public sees it. */
export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes?: string;
  service_name?: string;
  service_code: string;
  description?: string;
  agency_responsible?: string;
  service_notice?: string;
  requested_datetime: string;
  updated_datetime?: string;
  expected_datetime?: string;
  address?: string;
  address_id?: string;
  zipcode?: string;
  lat?: number;
  long?: number;
  media_url?: string;
}

/** `POST requests.json`: the id at once (`realtime`), or a token to trade for it later. */
export interface Open311RequestReceipt {
  service_request_id?: string;
  token?: string;
  service_notice?: string;
  account_id?: string;
}

/** `GET tokens/{token}.json`. */
export interface Open311TokenAnswer {
  service_request_id: string;
  token: string;
}

/** The spec's error body: a list of `{ code, description }`. */
export interface Open311ErrorEntry {
  code: number;
  description: string;
}

/** The filters of `GET requests.json`. */
export interface Open311RequestQuery {
  /** Several at once; overrides the other filters (the spec's rule). */
  serviceRequestIds?: string[];
  serviceCode?: string;
  /** ISO 8601 with a time zone; at most 90 days apart. */
  startDate?: string;
  endDate?: string;
  status?: ('open' | 'closed')[];
}

export interface Open311ClientOptions {
  /** The endpoint from the city's discovery document, e.g. `https://city.example/open311/v2`. */
  baseUrl: string;
  /** Sent as `jurisdiction_id` when the endpoint serves several. */
  jurisdictionId?: string;
  fetch?: typeof fetch;
  /** Sent as `Accept-Language`, for names in the reader's language where the city offers them. */
  locale?: string;
}

/** An Open311 endpoint answered with an error body, or with something that is not the spec's JSON. */
export class Open311ResponseError extends Error {
  constructor(
    readonly status: number,
    readonly errors: Open311ErrorEntry[],
  ) {
    super(errors.map((error) => error.description).join('; ') || `Open311 endpoint answered ${status}`);
    this.name = 'Open311ResponseError';
  }
}

export interface Open311Client {
  services(): Promise<Open311Service[]>;
  serviceDefinition(serviceCode: string): Promise<Open311ServiceDefinition>;
  requests(query?: Open311RequestQuery): Promise<Open311Request[]>;
  /** One request; `undefined` when the city has none by that id. */
  request(serviceRequestId: string): Promise<Open311Request | undefined>;
  /** The request id a token stands for; `undefined` while the city has not made the request yet. */
  token(token: string): Promise<Open311TokenAnswer | undefined>;
}

/** A client for the read side of any Open311 GeoReport v2 endpoint, in its JSON format. */
export function createOpen311Client(options: Open311ClientOptions): Open311Client {
  const base = options.baseUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function get<T>(resource: string, params: Record<string, string | undefined> = {}): Promise<T | undefined> {
    const url = new URL(`${base}/${resource}.json`);
    if (options.jurisdictionId) url.searchParams.set('jurisdiction_id', options.jurisdictionId);
    for (const [name, value] of Object.entries(params)) if (value) url.searchParams.set(name, value);
    const response = await fetchImpl(url, {
      headers: { Accept: 'application/json', ...(options.locale ? { 'Accept-Language': options.locale } : {}) },
    });
    if (response.status === 404) return undefined;
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok || body === undefined) {
      const errors = Array.isArray(body) ? (body as Open311ErrorEntry[]) : [];
      throw new Open311ResponseError(response.status, errors);
    }
    return body as T;
  }
  const found = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Open311ResponseError(404, [{ code: 404, description: `${what} not found` }]);
    return value;
  };

  return {
    services: async () => found(await get<Open311Service[]>('services'), 'services'),
    serviceDefinition: async (code) =>
      found(await get<Open311ServiceDefinition>(`services/${encodeURIComponent(code)}`), `service ${code}`),
    requests: async (query = {}) =>
      found(
        await get<Open311Request[]>('requests', {
          service_request_id: query.serviceRequestIds?.join(','),
          service_code: query.serviceCode,
          start_date: query.startDate,
          end_date: query.endDate,
          status: query.status?.join(','),
        }),
        'requests',
      ),
    request: async (id) => (await get<Open311Request[]>(`requests/${encodeURIComponent(id)}`))?.[0],
    token: async (token) => (await get<Open311TokenAnswer[]>(`tokens/${encodeURIComponent(token)}`))?.[0],
  };
}
