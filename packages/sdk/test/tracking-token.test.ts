import { describe, expect, it } from 'vitest';
import { newTrackingToken, normalizeTrackingToken, trackingTokenPattern } from '../src/index.js';

describe('tracking tokens', () => {
  it('are 12 Crockford base32 characters in three groups, from 60 random bits', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const token = newTrackingToken();
      expect(token).toMatch(trackingTokenPattern);
      expect(token).not.toMatch(/[ILOU]/);
      seen.add(token);
    }
    expect(seen.size).toBe(2000);
  });

  it('uses every character of the alphabet, so no bits are wasted', () => {
    const used = new Set(Array.from({ length: 500 }, newTrackingToken).join('').replace(/-/g, ''));
    expect(used.size).toBe(32);
  });

  it.each([
    ['K7QM-4T2X-9PZR', 'K7QM-4T2X-9PZR'],
    ['k7qm4t2x9pzr', 'K7QM-4T2X-9PZR'],
    [' k7qm 4t2x 9pzr ', 'K7QM-4T2X-9PZR'],
    ['K7QM—4T2X—9PZR', 'K7QM-4T2X-9PZR'],
    ['Ｋ７ＱＭ－４Ｔ２Ｘ－９ＰＺＲ', 'K7QM-4T2X-9PZR'],
    ['OOOO-IIII-LLLL', '0000-1111-1111'],
    ['oil0-ab12-cd34', '0110-AB12-CD34'],
  ])('reads %j as %s', (typed, canonical) => {
    expect(normalizeTrackingToken(typed)).toBe(canonical);
  });

  it.each(['', 'K7QM-4T2X', 'K7QM-4T2X-9PZR-0', 'K7QM-4T2X-9PZU', 'trk_4mV9qLx2Rb7Nw8Zs3Kd6Hy1P', 'K7QM-4T2X-9PZ!'])(
    'refuses %j',
    (typed) => {
      expect(normalizeTrackingToken(typed)).toBeUndefined();
    },
  );
});
