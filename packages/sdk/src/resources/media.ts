import { idempotencyHeader, type CallOptions, type GridkitCore, type WriteOptions } from '../core.js';
import type { RequestBodyOf } from '../contract.js';

type UploadForm = RequestBodyOf<'uploadMedia', 'multipart/form-data'>;

export interface UploadOptions extends WriteOptions {
  purpose?: UploadForm['purpose'];
  /** Defaults to the `File`'s own name. */
  filename?: string;
}

export function mediaResource({ raw, ok, url }: GridkitCore) {
  return {
    /**
     * Upload a photo (JPEG, PNG or WebP). The contract types the file part
     * as a binary string, as OpenAPI does; here it is what callers really
     * hold: a `Blob` or `File`.
     */
    upload: (file: Blob, options: UploadOptions = {}) => {
      const form = new FormData();
      form.append('file', file, options.filename ?? (file instanceof File ? file.name : 'upload'));
      if (options.purpose) form.append('purpose', options.purpose);
      return ok(
        raw.POST('/media', {
          params: { header: idempotencyHeader(options) },
          body: form as unknown as UploadForm,
          bodySerializer: (body) => body as unknown as FormData,
          signal: options.signal,
        }),
      );
    },
    /** The address of a stored image, for `<img src>`. */
    url: (mediaId: string) => url(`/media/${encodeURIComponent(mediaId)}`),
    /** The image bytes. */
    get: (mediaId: string, options: CallOptions = {}) =>
      ok(
        raw.GET('/media/{mediaId}', { params: { path: { mediaId } }, parseAs: 'blob', signal: options.signal }),
      ) as Promise<Blob>,
  };
}
