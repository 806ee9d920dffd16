import type { ReactiveControllerHost } from 'lit';

/** Where a widget loads one of its chunks from; tests hold it back or fail it through `load`. */
export interface ChunkLoader<T> {
  load: () => Promise<T>;
}

/**
 * A chunk a widget loads on demand, once: `module` once it is here, `failure`
 * when it could not be loaded (a dropped network) until `load()` is called
 * again (the widget's retry). The host renders again either way.
 */
export class LazyChunk<T> {
  module?: T;
  failure?: unknown;
  private loading?: Promise<T | undefined>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly loader: ChunkLoader<T>,
    /** Sets up what the chunk brings, before the host renders with it. */
    private readonly arrived: (module: T) => void,
  ) {}

  /** Asked for already: loading, here, or failed (a failure waits for a retry). */
  get asked(): boolean {
    return this.loading !== undefined || this.failure !== undefined;
  }

  load(): Promise<T | undefined> {
    this.loading ??= this.loader.load().then(
      (module) => {
        this.arrived(module);
        this.failure = undefined;
        this.module = module;
        this.host.requestUpdate();
        return module;
      },
      (error: unknown) => {
        this.loading = undefined;
        this.failure = error;
        this.host.requestUpdate();
        return undefined;
      },
    );
    return this.loading;
  }
}
