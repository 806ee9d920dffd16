/**
 * The console warnings of each test in the current `describe`, captured
 * instead of printed (a widget that is not set up warns its page's developer).
 */
export function captureConsoleWarnings(): { readonly all: unknown[][] } {
  const captured = { all: [] as unknown[][] };
  let warn: typeof console.warn;
  beforeEach(() => {
    captured.all = [];
    warn = console.warn;
    console.warn = (...args: unknown[]) => void captured.all.push(args);
  });
  afterEach(() => {
    console.warn = warn;
  });
  return captured;
}
