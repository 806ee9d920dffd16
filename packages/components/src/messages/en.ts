import type { CommonMessages } from './zh-CN.js';

export const en: CommonMessages = {
  loading: 'Loading…',
  retry: 'Try again',
  errorTitle: 'Could not load',
  errorDetail: 'The server did not answer properly. Please try again later.',
  offlineTitle: 'You are offline',
  offlineDetail: 'This reloads by itself when the network is back.',
  notFound: 'This grid was not found.',
  noGrid: 'No grid given (grid-id).',
  requestId: (id) => `Request ID ${id}`,

  labelled: (label, value) => `${label}: ${value}`,
  listSeparator: ', ',
  clauseSeparator: '; ',
  aside: (text) => ` (${text})`,

  updated: (date) => `Updated ${date}`,
};
