// Web Test Runner commands for real touch input (tests call them through
// `touchTap` and `setTouchEmulation` in src/issue-reporter/test-helpers.ts):
//
// - `touch-tap` { x, y }: a finger tap at a point of the viewport (CSS pixels):
//   touchstart and touchend from the browser's input pipeline, so the page sees
//   pointer events with `pointerType === 'touch'` and then the click a tap makes.
// - `touch-emulation` { enabled }: turns touch emulation on or off for the
//   calling test file's page only: `navigator.maxTouchPoints`, `(pointer: coarse)`,
//   `(hover: none)`. Taps reach the page with or without it. Turned off, headless
//   Chromium reports the machine's own pointer, `(pointer: none)`, not the
//   `(pointer: fine)` a page starts with.
//
// Playwright's `page.touchscreen.tap` is used when the page's browser context
// was made with `hasTouch: true`. The contexts of this project's runs are not
// (changing that would change every test), so otherwise the tap is sent as
// Playwright sends it on Chromium, `Input.dispatchTouchEvent` over a CDP session
// of that page. Puppeteer's `page.touchscreen.tap` needs no option.

/** One CDP session per page, kept while touch emulation is on (detaching it ends the emulation). */
const cdpSessions = new WeakMap();

function cdpSession(page, type) {
  let session = cdpSessions.get(page);
  if (!session) {
    session = type === 'playwright' ? page.context().newCDPSession(page) : page.createCDPSession();
    cdpSessions.set(page, session);
  }
  return session;
}

function point(payload) {
  const { x, y } = payload ?? {};
  if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error('touch-tap needs a payload { x, y } of numbers');
  return { x, y };
}

async function tapPlaywright(page, { x, y }) {
  try {
    await page.touchscreen.tap(x, y);
    return;
  } catch (error) {
    if (!/hasTouch/.test(String(error?.message))) throw error;
  }
  if (page.context().browser()?.browserType().name() !== 'chromium') {
    throw new Error('touch-tap: this browser context has no touch (hasTouch) and is not Chromium');
  }
  const session = await cdpSession(page, 'playwright');
  await session.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  await session.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

async function emulate(page, type, enabled) {
  if (enabled) {
    const session = await cdpSession(page, type);
    await session.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
    return;
  }
  const session = cdpSessions.get(page);
  if (!session) return;
  cdpSessions.delete(page);
  const opened = await session;
  await opened.send('Emulation.setTouchEmulationEnabled', { enabled: false });
  await opened.detach();
}

/** The `touch-tap` and `touch-emulation` commands, for the Playwright and Puppeteer launchers. */
export function touchPlugin() {
  return {
    name: 'gridkit-touch-commands',
    async executeCommand({ command, payload, session }) {
      if (command !== 'touch-tap' && command !== 'touch-emulation') return undefined;
      const type = session.browser.type;
      if (type !== 'playwright' && type !== 'puppeteer') {
        throw new Error(`${command} is not supported for browser type ${type}`);
      }
      const page = session.browser.getPage(session.id);
      if (command === 'touch-emulation') {
        const enabled = Boolean(payload?.enabled);
        await emulate(page, type, enabled);
        return true;
      }
      const at = point(payload);
      if (type === 'playwright') await tapPlaywright(page, at);
      else await page.touchscreen.tap(at.x, at.y);
      return true;
    },
  };
}
