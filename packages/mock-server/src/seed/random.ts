/**
 * The seed's only source of chance: a small, hand-written PRNG, so that the
 * same seed gives the same data on every machine and every Node version.
 *
 * `sfc32` (Chris Doty-Humphrey's Small Fast Chaotic generator, 128-bit state)
 * seeded through `splitmix32`. Each part of the seed (tree, notices, cases,
 * service logs, …) draws from its own stream, so changing how many numbers one
 * part uses does not reshuffle the others.
 */

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream: number) {
    const mix = splitmix32((seed >>> 0) ^ Math.imul(stream + 1, 0x632be5ab));
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix() | 1;
    for (let i = 0; i < 16; i++) this.next();
  }

  /** A uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  range(min: number, max: number): number {
    return min + this.float() * (max - min);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** An index drawn with the given (unnormalized) weights. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /** A tracking token in canonical form (`K7QM-4T2X-9PZR`), 12 Crockford base32 characters. */
  trackingToken(): string {
    let chars = '';
    for (let i = 0; i < 12; i++) chars += crockford[Math.floor(this.float() * 32)];
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  }

  /** `n` base62 characters. */
  base62(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(this.float() * 62)];
    return out;
  }
}

/** A weighted table prepared once and sampled many times (binary search on the cumulative weights). */
export class WeightedTable<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  index(rng: Rng): number {
    const x = rng.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  sample(rng: Rng): T {
    return this.items[this.index(rng)]!;
  }
}

/**
 * Ids in the server's format (`prefix_` + 12 base62 characters), drawn from
 * the seed's PRNG. The first 6 characters grow with each id (from a random
 * start, by random steps) and the last 6 are random: the ids stay opaque and
 * unpredictable, while each table's primary-key index is filled in order,
 * which keeps a bulk load of millions of rows fast.
 */
export class IdSource {
  private counter: number;

  constructor(
    private readonly prefix: string,
    private readonly rng: Rng,
  ) {
    // 62^6 ≈ 5.7e10; start in the lower third, leaving room for billions of steps.
    this.counter = Math.floor(rng.range(0.05, 0.3) * 62 ** 6);
  }

  next(): string {
    this.counter += 1 + Math.floor(this.rng.float() * 64);
    let n = this.counter;
    let head = '';
    for (let i = 0; i < 6; i++) {
      head = alphabet[n % 62]! + head;
      n = Math.floor(n / 62);
    }
    return `${this.prefix}_${head}${this.rng.base62(6)}`;
  }
}
