import type { CallOptions, GridkitCore } from '../core.js';
import type { QueryParams } from '../contract.js';

/**
 * CSV exports for monthly reports, UTF-8 with a byte-order mark, handed
 * over as bytes so that the mark survives into the saved file (Excel in
 * China needs it): a case list as a stream (`pipeline(Readable.fromWeb(stream),
 * createWriteStream(…))` in Node, `new Response(stream).blob()` in a browser),
 * the figures as a `Blob`.
 */
export function exportsResource({ raw, ok }: GridkitCore) {
  return {
    /** Every case `cases.list` would give for the same filters (staff), as a CSV stream read while it arrives. */
    cases: (query: QueryParams<'exportCases'> = {}, options: CallOptions = {}) =>
      ok(raw.GET('/exports/cases', { params: { query }, parseAs: 'stream', signal: options.signal })) as Promise<
        ReadableStream<Uint8Array>
      >,
    /**
     * The figures of `stats.resolution` for the same query, a row per group and one of totals, as a CSV
     * `Blob` with its byte-order mark, ready to save (`URL.createObjectURL(blob)` on a download link).
     */
    resolutionStats: (query: QueryParams<'exportResolutionStats'>, options: CallOptions = {}) =>
      ok(
        raw.GET('/exports/resolution-stats', { params: { query }, parseAs: 'blob', signal: options.signal }),
      ) as Promise<Blob>,
  };
}
