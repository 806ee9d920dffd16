/**
 * Browser-test helpers for the issue reporter: real key presses, mouse clicks,
 * finger taps and viewport changes through Playwright (`@web/test-runner-commands`,
 * and the touch commands of scripts/touch-plugin.mjs), and ways to read what a
 * widget shows.
 */
import { waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys, sendMouse, setViewport as resize } from '@web/test-runner-commands';

export { sendKeys };
export const setViewport = (width: number, height: number) => resize({ width, height });

/** A trusted click (pointerdown, pointerup, click) at the centre of an element, as a finger tap lands. */
export async function tap(element: Element) {
  element.scrollIntoView({ block: 'center' });
  // Two frames: what the last change set off (a resize observer, a container query) has moved the element by then.
  for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  const box = element.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
  });
}

/**
 * Touch emulation on or off for this test file's page: a touch screen (`navigator.maxTouchPoints`,
 * `(pointer: coarse)`). `touchTap` works without it. Turn it off again after the tests that need it.
 */
export async function setTouchEmulation(enabled: boolean) {
  await executeServerCommand('touch-emulation', { enabled });
}

/**
 * A real finger tap at the centre of an element, measured as `tap` measures it: touchstart and touchend
 * from the browser's input pipeline (pointer events with `pointerType === 'touch'`, then the click a tap
 * makes). Resolves once the element has had that click; fails if the tap did not reach it.
 */
export async function touchTap(element: Element) {
  element.scrollIntoView({ block: 'center' });
  for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  const box = element.getBoundingClientRect();
  const [x, y] = [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
  let clicked = false;
  const onClick = () => (clicked = true);
  element.addEventListener('click', onClick);
  try {
    await executeServerCommand('touch-tap', { x, y });
    await waitUntil(() => clicked, `a tap at ${x},${y} did not reach ${nameOf(element)}`, { timeout: 2000 });
  } finally {
    element.removeEventListener('click', onClick);
  }
}

/** `tag#id.class` of an element, for a failure message. */
const nameOf = (element: Element) =>
  [element.localName, element.id && `#${element.id}`, ...[...element.classList].map((c) => `.${c}`)].join('');

export const root = (el: HTMLElement) => el.shadowRoot!;
export const $ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string) =>
  root(el).querySelector<T>(selector)!;
export const $$ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string) => [
  ...root(el).querySelectorAll<T>(selector),
];
export const text = (el: HTMLElement) => root(el).textContent!.replace(/\s+/g, ' ');

/** `tag#id` of what has focus inside the widget. */
export const focused = (el: HTMLElement) => {
  const active = root(el).activeElement as HTMLElement | null;
  return active ? `${active.localName}${active.id ? `#${active.id}` : ''}` : null;
};

/** Presses Tab (real key presses) until the element matching `selector` has focus. */
export async function tabTo(el: HTMLElement, selector: string, max = 60) {
  const target = () => root(el).querySelector(selector);
  for (let i = 0; i < max; i += 1) {
    if (target() && root(el).activeElement === target()) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${selector} (focus on ${focused(el)})`);
}

export async function untilStep(el: HTMLElement, step: string) {
  await waitUntil(() => root(el).querySelector(`form.step-${step}`), `step ${step} not shown`, { timeout: 8000 });
}

/** A JPEG made on a canvas, as a camera file. */
export async function photoFile(width = 1200, height = 900, name = 'photo.jpg'): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#3a7';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#fff';
  ctx.fillRect(width / 4, height / 4, width / 2, height / 2);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
  return new File([blob], name, { type: 'image/jpeg' });
}

/** Puts files into a file input as the chooser would, and tells the page. */
export function choose(input: HTMLInputElement, files: File[]) {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** A `Geolocation` that answers with a fixed position or error (the browser's own cannot be steered from a page). */
export function fakeGeolocation(answer: { lat: number; lng: number } | { code: 1 | 2 | 3 }): Geolocation {
  return {
    getCurrentPosition(success: PositionCallback, failure?: PositionErrorCallback | null) {
      setTimeout(() => {
        if ('code' in answer) failure?.({ code: answer.code, message: 'fake' } as GeolocationPositionError);
        else success({ coords: { latitude: answer.lat, longitude: answer.lng, accuracy: 10 } } as GeolocationPosition);
      }, 10);
    },
    watchPosition: () => 0,
    clearWatch: () => undefined,
  } as Geolocation;
}

/** Every text, input value and image source in the element's tree, shadow roots included. */
export function everything(node: Node): string[] {
  const out: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeType === Node.TEXT_NODE) out.push(n.textContent ?? '');
    if (n instanceof HTMLInputElement || n instanceof HTMLTextAreaElement) out.push(n.value);
    if (n instanceof HTMLImageElement) out.push(n.src);
    if (n instanceof Element && n.shadowRoot) walk(n.shadowRoot);
    for (const child of n.childNodes) walk(child);
  };
  walk(node);
  return out;
}

/** Category without extra fields, photo or location; the grid comes from the provider. */
export async function fillBareReport(el: HTMLElement) {
  await waitUntil(() => root(el).querySelector('#category'), 'categories did not load', { timeout: 8000 });
  $<HTMLInputElement>(el, 'input[value="green.space"]').click();
  $<HTMLButtonElement>(el, 'button[type="submit"]').click();
  await untilStep(el, 'where');
  await fillFromWhere(el);
}

export async function fillFromWhere(el: HTMLElement) {
  const address = $<HTMLInputElement>(el, '#address');
  address.value = '小区中心花园';
  address.dispatchEvent(new InputEvent('input'));
  $<HTMLButtonElement>(el, 'button[type="submit"]').click();
  await untilStep(el, 'photos');
  $<HTMLButtonElement>(el, 'button[type="submit"]').click();
  await untilStep(el, 'describe');
  const description = $<HTMLTextAreaElement>(el, '#description');
  description.value = '绿地被踩秃了';
  description.dispatchEvent(new InputEvent('input'));
  $<HTMLButtonElement>(el, 'button[type="submit"]').click();
  await untilStep(el, 'contact');
  $<HTMLInputElement>(el, '#contact-anonymous').click();
  $<HTMLButtonElement>(el, 'button[type="submit"]').click();
  await untilStep(el, 'review');
}
