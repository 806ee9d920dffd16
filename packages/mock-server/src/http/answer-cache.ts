/**
 * Public reads answered from memory. A handler that knows until when its
 * answer stays the same (`Reply.unchangedUntil`: a notice board until its
 * next notice starts or ends) lets the answer be kept, serialized and tagged,
 * until then or until any write, whichever comes first. Kiosks and portals
 * ask for the same few boards over and over; each such answer otherwise costs
 * five SQLite reads, a serialization and a hash.
 */

export interface CachedAnswer {
  /** The JSON text sent. */
  text: string;
  /** Its strong entity tag, when the operation may be revalidated (`304`). */
  tag: string | undefined;
  headers: Record<string, string> | undefined;
  /** Epoch ms after which the answer may differ. */
  until: number;
}

export interface AnswerCache {
  /** Counts invalidations: an answer read before one is not kept after it. */
  readonly generation: number;
  get(key: string, now: number): CachedAnswer | undefined;
  /** Keeps `answer`, computed when the cache was at `generation`, unless a write came since. */
  set(key: string, answer: CachedAnswer, generation: number): void;
  /** Forgets every answer: something was written. */
  invalidate(): void;
}

/** At most `capacity` answers; the least recently used goes first. */
export function createAnswerCache(capacity = 2000): AnswerCache {
  let answers = new Map<string, CachedAnswer>();
  let generation = 0;
  return {
    get generation() {
      return generation;
    },
    get(key, now) {
      const answer = answers.get(key);
      if (!answer) return undefined;
      answers.delete(key);
      if (answer.until <= now) return undefined;
      answers.set(key, answer);
      return answer;
    },
    set(key, answer, asOf) {
      if (asOf !== generation) return;
      answers.delete(key);
      answers.set(key, answer);
      if (answers.size > capacity) answers.delete(answers.keys().next().value!);
    },
    invalidate() {
      generation++;
      if (answers.size) answers = new Map();
    },
  };
}
