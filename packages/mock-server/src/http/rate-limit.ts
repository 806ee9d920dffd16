/**
 * Token buckets: per client address for public writes (reports, uploads,
 * evaluations) and public reads, per staff token for staff reads and, apart,
 * staff writes. A kiosk can burst, a script can neither flood the store nor
 * walk the tickets quickly, and a leaked staff token cannot write at will.
 */
export interface RateLimitOptions {
  /** Sustained requests per minute per address (or token); 0 turns this limit off. */
  perMinute: number;
  /** How many may arrive at once. Defaults to `perMinute`. */
  burst?: number;
}

/** Reads: without a staff token per client address, with one per token. */
export interface ReadRateLimitOptions {
  public?: RateLimitOptions;
  staff?: RateLimitOptions;
}

/** Public writes per address per minute, unless configured. */
export const defaultWriteRateLimit: RateLimitOptions = { perMinute: 60 };

/** Staff writes per token per minute, unless configured: a grid worker's busiest hour is far below. */
export const defaultStaffWriteRateLimit: RateLimitOptions = { perMinute: 600, burst: 300 };

/** Reads, unless configured: a page of widgets polling is far below; walking tickets is not. */
export const defaultReadRateLimit: Required<ReadRateLimitOptions> = {
  public: { perMinute: 120, burst: 60 },
  staff: { perMinute: 600, burst: 300 },
};

/**
 * The read limits from one figure (`--read-rate-limit N`): N public reads per
 * minute per address in bursts of N/2, and five times that per staff token.
 */
export function readRateLimitFrom(perMinute: number): Required<ReadRateLimitOptions> {
  const half = (n: number) => Math.max(1, Math.ceil(n / 2));
  return {
    public: { perMinute, burst: half(perMinute) },
    staff: { perMinute: perMinute * 5, burst: half(perMinute * 5) },
  };
}

export interface RateLimiter {
  /** 0 when the request may go ahead, else the seconds to wait. */
  take(address: string, now: number): number;
}

export function createRateLimiter({ perMinute, burst = perMinute }: RateLimitOptions): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refillPerMs = perMinute / 60_000;
  return {
    take(address, now) {
      const bucket = buckets.get(address) ?? { tokens: burst, at: now };
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * refillPerMs);
      bucket.at = now;
      buckets.set(address, bucket);
      if (buckets.size > 10_000) buckets.delete(buckets.keys().next().value!);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.ceil((1 - bucket.tokens) / refillPerMs / 1000);
    },
  };
}
