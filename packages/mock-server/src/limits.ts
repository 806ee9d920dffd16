/**
 * The API's address and size limits: what the HTTP adapter enforces and the
 * handlers write into responses (a media `url`, a `Location`), in one place
 * both import.
 */

/** Where the API is mounted: every operation's path starts with it. */
export const apiBase = '/api/v1';

/** The largest JSON body accepted (a case description is at most 2000 characters). */
export const maxJsonBytes = 256 * 1024;

/** The largest upload (the contract: 10 MiB); the multipart envelope gets `multipartEnvelopeBytes` more. */
export const maxUploadBytes = 10 * 1024 * 1024;

/** Room for a multipart body's boundaries and part headers around the file. */
export const multipartEnvelopeBytes = 64 * 1024;
