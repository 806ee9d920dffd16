/**
 * A token bucket per client address, for public writes (reports, uploads,
 * evaluations): a kiosk can burst, a script cannot flood the store.
 */
export interface RateLimitOptions {
  /** Sustained requests per minute per address. */
  perMinute: number;
  /** How many may arrive at once. Defaults to `perMinute`. */
  burst?: number;
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
