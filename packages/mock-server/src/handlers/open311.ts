/**
 * The Open311 GeoReport v2 facade's answers (docs/open311.md), in the spec's
 * own shapes: services from categories, service definitions from their
 * attributes, requests from cases as the public sees them (by ticket alone:
 * nothing a person wrote, the grid's centre instead of the reporter's
 * point), and a report turned into a Gridkit `CaseInput` for `createCase`.
 */
import type {
  Open311Attribute,
  Open311Request,
  Open311Service,
  Open311ServiceDefinition,
  Open311TokenAnswer,
} from '@gridkit/sdk/open311';
import { normalizeTrackingToken, type components, type Schemas } from '@gridkit/sdk';
import { hashSecret, trackingTokenHash, trackingTokenMatches } from '../domain/ids.js';
import { pathIds } from '../domain/grids.js';
import { levels, type CaseStatus } from '../domain/lifecycle.js';
import {
  attributeAnswer,
  open311Datatype,
  open311Status,
  searchLimit,
  searchWindow,
  statusesOf,
  Open311Error,
  type Open311Status,
} from '../domain/open311.js';
import { findCategory, listCategoryRows, toCategory } from '../store/categories.js';
import type { Db } from '../store/database.js';
import { gridName, gridNamesById, leafGridAt, rootGrids } from '../store/grids.js';
import {
  findRequestRow,
  findTicketByTrackingTokenHash,
  latestPublicNote,
  listRequestRows,
  open311ClientByKeyHash,
  type Open311Client,
  type RequestRow,
} from '../store/open311.js';
import { shanghaiDateTime } from '../domain/time.js';

type Locale = components['headers']['ContentLanguage'];

const text = (localized: Schemas['LocalizedText'] | undefined, locale: Locale): string =>
  localized ? (localized[locale] ?? localized['zh-CN']) : '';

const kindGroups: Record<Schemas['CategoryKind'], Schemas['LocalizedText']> = {
  component: { 'zh-CN': '部件', 'zh-TW': '部件', en: 'Public facilities' },
  event: { 'zh-CN': '事件', 'zh-TW': '事件', en: 'Events' },
  service: { 'zh-CN': '便民服务', 'zh-TW': '便民服務', en: 'Services for residents' },
  dispute: { 'zh-CN': '矛盾纠纷', 'zh-TW': '矛盾糾紛', en: 'Disputes' },
};

/** What a step of the loop means to a resident, for `status_notes` by ticket alone. */
const statusNotes: Record<CaseStatus, Schemas['LocalizedText']> = {
  submitted: {
    'zh-CN': '已上报，等待网格受理',
    'zh-TW': '已上報，等待網格受理',
    en: 'Reported; waiting for the grid to take it',
  },
  accepted: { 'zh-CN': '已受理', 'zh-TW': '已受理', en: 'Taken on' },
  dispatched: { 'zh-CN': '已派遣至处置单位', 'zh-TW': '已派遣至處置單位', en: 'Sent to the unit that will handle it' },
  in_progress: { 'zh-CN': '正在处置', 'zh-TW': '正在處置', en: 'Being handled' },
  resolved: { 'zh-CN': '已处置，等待核查', 'zh-TW': '已處置，等待核查', en: 'Handled; waiting to be checked' },
  closed: { 'zh-CN': '已办结', 'zh-TW': '已辦結', en: 'Closed' },
  rejected: { 'zh-CN': '不予受理', 'zh-TW': '不予受理', en: 'Not taken on' },
};

/** The jurisdiction a request names: none (this endpoint serves one), or the root node's id or code; else a 404. */
export function requireJurisdiction(db: Db, jurisdictionId: string | undefined): void {
  if (jurisdictionId === undefined || jurisdictionId === '') return;
  const served = rootGrids(db).some((root) => root.id === jurisdictionId || root.code === jurisdictionId);
  if (!served) throw new Open311Error(404, `jurisdiction_id ${jurisdictionId} is not served by this endpoint.`);
}

/** The vendor app an `api_key` belongs to; a missing or unknown key is the spec's 403. */
export function requireClient(db: Db, apiKey: string | undefined): Open311Client {
  if (!apiKey) throw new Open311Error(403, 'api_key is required to submit a service request.');
  const client = open311ClientByKeyHash(db, hashSecret(apiKey));
  if (!client) throw new Open311Error(403, 'api_key is not valid.');
  return client;
}

function serviceOf(category: Schemas['Category'], locale: Locale): Open311Service {
  const names = [category.name['zh-CN'], category.name['zh-TW'], category.name.en].filter((name): name is string =>
    Boolean(name),
  );
  return {
    service_code: category.code,
    service_name: text(category.name, locale),
    ...(category.description ? { description: text(category.description, locale) } : {}),
    metadata: category.attributes.length > 0,
    type: 'realtime',
    keywords: [...new Set([...names, ...category.code.split('.')])].join(','),
    group: text(kindGroups[category.kind], locale),
  };
}

/** Every category as a service, by code. */
export function listServices(db: Db, locale: Locale): Open311Service[] {
  return listCategoryRows(db, { limit: Number.MAX_SAFE_INTEGER - 1 })
    .map(toCategory)
    .map((category) => serviceOf(category, locale));
}

function requireCategory(db: Db, code: string): Schemas['Category'] {
  const category = findCategory(db, code);
  if (!category) throw new Open311Error(404, `service_code ${code} was not found.`);
  return category;
}

/** A category's attributes as the spec's service definition (a yes/no question becomes a list of `true` and `false`). */
export function serviceDefinition(db: Db, code: string, locale: Locale): Open311ServiceDefinition {
  const category = requireCategory(db, code);
  const yesNo = [
    { key: 'true', name: text({ 'zh-CN': '是', 'zh-TW': '是', en: 'Yes' }, locale) },
    { key: 'false', name: text({ 'zh-CN': '否', 'zh-TW': '否', en: 'No' }, locale) },
  ];
  return {
    service_code: category.code,
    attributes: category.attributes.map((attribute): Open311Attribute => {
      const datatype = open311Datatype(attribute.datatype);
      const values =
        attribute.datatype === 'boolean'
          ? yesNo
          : attribute.options?.map((option) => ({ key: option.key, name: text(option.label, locale) }));
      return {
        variable: true,
        code: attribute.code,
        datatype,
        required: attribute.required,
        ...(attribute.datatype === 'date' ? { datatype_description: 'YYYY-MM-DD' } : {}),
        order: attribute.order,
        description: text(attribute.label, locale),
        ...(values?.length ? { values } : {}),
      };
    }),
  };
}

/** Names of the nodes on a path, and the node at each level, for `agency_responsible` and `address`. */
function placeOf(row: RequestRow, names: ReadonlyMap<string, string>) {
  const ids = pathIds(row.grid_path);
  // The path runs from the district down; levels run up from the grid.
  const atLevel = ids[ids.length - 1 - levels.indexOf(row.level)] ?? ids[ids.length - 1]!;
  return {
    agency: names.get(atLevel) ?? '',
    address: ids
      .map((id) => names.get(id) ?? '')
      .filter(Boolean)
      .reverse()
      .join(', '),
  };
}

/** RFC 3339 in China's time (+08:00): what a city's clients show. */
const chinaTime = (instant: string) => `${shanghaiDateTime(instant).replace(' ', 'T')}+08:00`;

function requestOf(
  db: Db,
  row: RequestRow,
  names: ReadonlyMap<string, string>,
  services: Map<string, string>,
  locale: Locale,
  trackingToken: string | undefined,
): Open311Request {
  const place = placeOf(row, names);
  const ownNote =
    trackingToken && trackingTokenMatches(trackingToken, row.tracking_token_hash)
      ? latestPublicNote(db, row.ticket)
      : undefined;
  return {
    service_request_id: row.ticket,
    status: open311Status(row.status),
    status_notes: ownNote ?? text(statusNotes[row.status], locale),
    service_name: services.get(row.category_code) ?? row.category_code,
    service_code: row.category_code,
    agency_responsible: place.agency,
    requested_datetime: chinaTime(row.created_at),
    updated_datetime: chinaTime(row.updated_at),
    expected_datetime: chinaTime(row.due_at),
    address: place.address,
    ...(row.centroid_lat !== null && row.centroid_lng !== null
      ? { lat: row.centroid_lat, long: row.centroid_lng }
      : {}),
  };
}

function serviceNames(db: Db, locale: Locale): Map<string, string> {
  return new Map(listServices(db, locale).map((service) => [service.service_code, service.service_name]));
}

export interface RequestSearch {
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
}

const open311Statuses: readonly Open311Status[] = ['open', 'closed'];

/**
 * `GET requests`: by ids (comma-separated; the other filters are then
 * ignored), else by service, status and a window of at most 90 days (the
 * last 90 by default); newest first, 1,000 at most.
 */
export function searchRequests(
  db: Db,
  search: RequestSearch,
  locale: Locale,
  now: Date,
  trackingToken?: string,
): Open311Request[] {
  const ids = search.service_request_id
    ?.split(',')
    .map((id) => id.trim().toUpperCase())
    .filter(Boolean);
  let rows: RequestRow[];
  if (ids?.length) {
    if (ids.length > searchLimit) throw new Open311Error(400, `At most ${searchLimit} service_request_id at once.`);
    rows = listRequestRows(db, { tickets: ids, limit: searchLimit });
  } else {
    const asked = search.status
      ?.split(',')
      .map((status) => status.trim())
      .filter(Boolean);
    const unknown = asked?.find((status) => !open311Statuses.includes(status as Open311Status));
    if (unknown !== undefined) throw new Open311Error(400, `status must be open or closed, not ${unknown}.`);
    const window = searchWindow(search.start_date, search.end_date, now);
    if (search.service_code) requireCategory(db, search.service_code);
    rows = listRequestRows(db, {
      categoryCode: search.service_code || undefined,
      statuses: asked?.length ? asked.flatMap((status) => statusesOf(status as Open311Status)) : undefined,
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      limit: searchLimit,
    });
  }
  const names = gridNamesById(db);
  const services = serviceNames(db, locale);
  return rows.map((row) => requestOf(db, row, names, services, locale, trackingToken));
}

/** `GET requests/{id}`: the request, or the spec's 404. */
export function getRequest(db: Db, ticket: string, locale: Locale, trackingToken?: string): Open311Request {
  const row = findRequestRow(db, ticket.trim().toUpperCase());
  if (!row) throw new Open311Error(404, `Service request ${ticket} was not found.`);
  return requestOf(db, row, gridNamesById(db), serviceNames(db, locale), locale, trackingToken);
}

/**
 * `GET tokens/{token}`: the token a report through this facade returned is
 * the case's tracking token, so it is typed as residents type it, and gives
 * the request id only to whoever holds it.
 */
export function requestOfToken(db: Db, token: string): Open311TokenAnswer {
  const hash = trackingTokenHash(token);
  const ticket = hash === undefined ? undefined : findTicketByTrackingTokenHash(db, hash);
  if (!ticket) throw new Open311Error(404, `Token ${token} was not found.`);
  return { service_request_id: ticket, token: normalizeTrackingToken(token) ?? token };
}

/** What an Open311 client posts: each field's values, in order (`attribute[code][]` repeats). */
export type PostedFields = ReadonlyMap<string, readonly string[]>;

const one = (fields: PostedFields, name: string) => {
  const values = fields.get(name);
  const value = values?.[values.length - 1]?.trim();
  return value === '' ? undefined : value;
};

function coordinate(fields: PostedFields, name: 'lat' | 'long', limit: number): number | undefined {
  const raw = one(fields, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || Math.abs(value) > limit)
    throw new Open311Error(400, `${name} must be a WGS84 ${name === 'lat' ? 'latitude' : 'longitude'} in degrees.`);
  return value;
}

/** The reporter's name as people write it: family name first, with no space, when it is Chinese. */
function reporterName(first: string | undefined, last: string | undefined): string | undefined {
  if (!first && !last) return undefined;
  const han = /\p{Script=Han}/u;
  return han.test(`${first ?? ''}${last ?? ''}`)
    ? `${last ?? ''}${first ?? ''}`
    : [first, last].filter(Boolean).join(' ');
}

/**
 * A `POST requests` turned into what `createCase` takes: the grid from the
 * point (Open311 has no grid), the attributes typed after the category's
 * definitions, the reporter from the contact fields, the channel the
 * client's key was registered under. A media URL must be one of this
 * server's uploads (`/api/v1/media/{id}`): nothing is fetched from elsewhere.
 */
export function reportOf(db: Db, fields: PostedFields, client: Open311Client, mediaBase: string): Schemas['CaseInput'] {
  const serviceCode = one(fields, 'service_code');
  if (!serviceCode) throw new Open311Error(400, 'service_code is required.');
  const category = findCategory(db, serviceCode);
  if (!category) throw new Open311Error(400, `service_code ${serviceCode} is not a service of this endpoint.`);
  const lat = coordinate(fields, 'lat', 90);
  const long = coordinate(fields, 'long', 180);
  if (lat === undefined || long === undefined)
    throw new Open311Error(400, 'lat and long are required: the grid that handles a request is found from its point.');
  const description = one(fields, 'description');
  if (!description) throw new Open311Error(400, 'description is required: say what is wrong, and where.');
  const grid = leafGridAt(db, { lat, lng: long });
  if (!grid) throw new Open311Error(400, `No grid of this jurisdiction contains the point ${lat}, ${long}.`);

  const attributes: Schemas['CaseAttributes'] = {};
  const byCode = new Map(category.attributes.map((attribute) => [attribute.code, attribute]));
  for (const [name, values] of fields) {
    const code = /^attribute\[([^\]]+)\](\[\])?$/.exec(name)?.[1];
    if (code === undefined) continue;
    const definition = byCode.get(code);
    attributes[code] = definition ? attributeAnswer(definition, values) : values[values.length - 1]!;
  }

  const mediaIds = (fields.get('media_url') ?? [])
    .map((url) => url.trim())
    .filter(Boolean)
    .map((url) => {
      const id = url.startsWith(mediaBase) ? /^(med_[A-Za-z0-9]+)$/.exec(url.slice(mediaBase.length))?.[1] : undefined;
      if (!id) throw new Open311Error(400, `media_url must be a photo uploaded to this server (${mediaBase}{id}).`);
      return id;
    });

  const name = reporterName(one(fields, 'first_name'), one(fields, 'last_name'));
  const phone = one(fields, 'phone');
  const address = one(fields, 'address_string');
  return {
    gridId: grid.id,
    categoryCode: category.code,
    description,
    location: { address: address ?? grid.name, point: { lat, lng: long } },
    ...(mediaIds.length ? { mediaIds } : {}),
    ...(Object.keys(attributes).length ? { attributes } : {}),
    ...(name || phone ? { reporter: { ...(name ? { name } : {}), ...(phone ? { phone } : {}) } } : {}),
    channel: client.channel,
  };
}

/** The spec's `service_notice` for a new request: where it went, and by when it is due. */
export function serviceNotice(
  db: Db,
  receipt: Pick<Schemas['CaseReceipt'], 'gridId' | 'dueAt'>,
  locale: Locale,
): string {
  const grid = gridName(db, receipt.gridId) ?? receipt.gridId;
  const due = shanghaiDateTime(receipt.dueAt).slice(0, 16);
  return text(
    {
      'zh-CN': `已交${grid}办理，办理时限 ${due}（北京时间）。`,
      'zh-TW': `已交${grid}辦理，辦理時限 ${due}（北京時間）。`,
      en: `Passed to ${grid}; due by ${due} (China time).`,
    },
    locale,
  );
}
