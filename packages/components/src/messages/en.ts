import type { CommonMessages } from './zh-CN.js';

export const en: CommonMessages = {
  loading: 'Loading…',
  retry: 'Try again',
  errorTitle: 'Could not load',
  errorDetail: 'The server did not answer properly. Please try again later.',
  offlineTitle: 'You are offline',
  offlineDetail: 'This reloads by itself when the network is back.',
  unreachableTitle: 'Cannot reach the server',
  unreachableDetail: 'This device is online, but the server does not answer. Trying again by itself.',
  failingTitle: 'The server had an error',
  failingDetail:
    'The server failed to handle the request. Trying again by itself. If you report it, quote the request ID below.',
  notFound: 'This grid was not found.',
  requestId: (id) => `Request ID ${id}`,

  misconfiguredTitle: 'This widget is not set up (for the page’s developer)',
  missingClient: (tag) =>
    `<${tag}> has no API address: set its base-url attribute, or place it inside a <gk-provider> that has one.`,
  missingProviderClient: (tag) => `The <gk-provider> around <${tag}> has no base-url attribute (and no client).`,
  missingGrid: (tag) => `<${tag}> does not know which grid to show: set grid-id on it or on its <gk-provider>.`,

  stale: (time, reason) => `Updated ${time} — ${reason}, reconnecting…`,
  staleOffline: 'offline',
  staleUnreachable: 'cannot reach the server',
  staleFailing: 'server error',
  offlineNow: (time) => `Updated ${time} — offline, updates when the network is back`,
  retryNow: 'Try now',

  labelled: (label, value) => `${label}: ${value}`,
  listSeparator: ', ',
  clauseSeparator: '; ',
  aside: (text) => ` (${text})`,
  pathSeparator: ' › ',
  metaSeparator: ' · ',
  httpStatus: (status) => `HTTP ${status}`,

  updated: (date) => `Updated ${date}`,
};
