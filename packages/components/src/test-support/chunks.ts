import type { ChunkLoader } from '../internal/lazy-chunk.js';

/**
 * Holds the chunk back until the test lets it through (`release`) or fails
 * it (`fail`, as a dropped network would); `restore` puts the real loader back.
 */
export function holdBack<T>(chunk: ChunkLoader<T>) {
  const realLoad = chunk.load;
  let release!: () => void;
  let fail!: (error: Error) => void;
  const gate = new Promise<void>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  chunk.load = () => gate.then(realLoad);
  return { release, fail, restore: () => (chunk.load = realLoad) };
}
