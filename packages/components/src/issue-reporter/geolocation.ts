import type { GeoPoint } from '@gridkit/sdk';

/** Why the device gave no position; each has its own message, as each has its own way out. */
export type GeoFailure = 'insecure' | 'unsupported' | 'denied' | 'unavailable' | 'timeout';

export class GeoError extends Error {
  override readonly name = 'GeoError';
  constructor(readonly reason: GeoFailure) {
    super(`No position: ${reason}`);
  }
}

/**
 * The device's position once. Plain http has no geolocation (browsers only
 * share it with secure contexts), so that case is told apart from a refusal.
 */
export function currentPosition(geolocation: Geolocation | undefined, timeoutMs = 15_000): Promise<GeoPoint> {
  if (!window.isSecureContext) return Promise.reject(new GeoError('insecure'));
  if (!geolocation) return Promise.reject(new GeoError('unsupported'));
  return new Promise((resolve, reject) =>
    geolocation.getCurrentPosition(
      (position) => resolve({ lat: position.coords.latitude, lng: position.coords.longitude }),
      // 1 PERMISSION_DENIED, 2 POSITION_UNAVAILABLE, 3 TIMEOUT.
      (error) => reject(new GeoError(error.code === 1 ? 'denied' : error.code === 3 ? 'timeout' : 'unavailable')),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    ),
  );
}
