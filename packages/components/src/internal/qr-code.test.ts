import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, type TemplateResult } from 'lit';
import { encodeQrMatrix, qrCodeStyles, renderQrCode, trackingUrl } from './qr-code.js';

const TRACK = 'https://city.example/track?ticket={ticket}&token={token}';
const URL_TEXT = 'https://city.example/track?ticket=WF-20261130-0042&token=K7QM-4T2X-9PZR';

/** jsQR ships as UMD only; loaded as a module it registers itself on `self`. */
type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
async function jsQR(): Promise<JsQr> {
  await import('jsqr');
  return (self as unknown as { jsQR: JsQr }).jsQR;
}

/**
 * Read an SVG on screen back as a camera would: rasterise the element's markup
 * and decode it with jsQR (Chromium on Linux has no BarcodeDetector), or with
 * the BarcodeDetector where the browser has one.
 */
async function decode(svgElement: SVGSVGElement, scale = 4): Promise<string | null> {
  const side = svgElement.viewBox.baseVal.width * scale;
  const markup = new XMLSerializer().serializeToString(svgElement);
  const image = new Image(side, side);
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  await image.decode();
  const canvas = new OffscreenCanvas(side, side);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(image, 0, 0, side, side);
  const Detector = (
    globalThis as unknown as {
      BarcodeDetector?: new (o: object) => { detect(s: unknown): Promise<{ rawValue: string }[]> };
    }
  ).BarcodeDetector;
  if (Detector) {
    const [found] = await new Detector({ formats: ['qr_code'] }).detect(canvas);
    return found?.rawValue ?? null;
  }
  const pixels = ctx.getImageData(0, 0, side, side);
  return (await jsQR())(pixels.data, side, side)?.data ?? null;
}

/** A host with the module's styles, as a widget would use it. */
class QrHost extends LitElement {
  static override styles = qrCodeStyles;
  content?: TemplateResult;
  override render() {
    return html`<figure aria-labelledby="caption">
      ${this.content}
      <figcaption id="caption">Scan to follow your case</figcaption>
    </figure>`;
  }
}
customElements.define('test-qr-host', QrHost);

async function show(content: TemplateResult): Promise<{ host: QrHost; svg: SVGSVGElement }> {
  const host = await fixture<QrHost>(html`<test-qr-host .content=${content}></test-qr-host>`);
  return { host, svg: host.shadowRoot!.querySelector('svg')! };
}

describe('renderQrCode', () => {
  it('loads the encoder only when a code is rendered', async () => {
    const loaded = () => performance.getEntriesByType('resource').some((r) => r.name.includes('lean-qr'));
    expect(loaded()).to.equal(false);
    await renderQrCode('x', { label: 'x' });
    expect(loaded()).to.equal(true);
  });

  it('draws a tracking URL that decodes back to the same text', async () => {
    const { svg } = await show(await renderQrCode(URL_TEXT, { label: 'QR code: follow case WF-20261130-0042' }));
    expect(await decode(svg)).to.equal(URL_TEXT);
  });

  it('decodes Chinese text and text that looks like markup, without creating any markup from it', async () => {
    for (const text of ['网格长 张丽 13800000000', '"><img src=x onerror=alert(1)><script>alert(2)</script>']) {
      const { svg } = await show(await renderQrCode(text, { label: 'QR' }));
      expect(svg.querySelectorAll('img, script').length).to.equal(0);
      expect(svg.querySelectorAll('*').length).to.equal(2); // one background rect, one path
      expect(await decode(svg)).to.equal(text);
    }
  });

  it('has a sane size: a valid QR version, a quiet zone of 4 modules, pixel size from the module size', async () => {
    const matrix = await encodeQrMatrix(URL_TEXT);
    const n = matrix.length;
    expect(n).to.be.within(21, 177);
    expect((n - 17) % 4).to.equal(0);
    expect(n, '73 bytes at level M fit in version 4 or 5').to.be.within(33, 37);

    const { svg } = await show(await renderQrCode(URL_TEXT, { label: 'QR', moduleSize: 5 }));
    expect(svg.getAttribute('viewBox')).to.equal(`0 0 ${n + 8} ${n + 8}`);
    expect(svg.getAttribute('width')).to.equal(String((n + 8) * 5));
    const box = svg.querySelector('path')!.getBBox();
    // The dark modules stay inside the quiet zone; the finder patterns reach its edges.
    expect([box.x, box.y, box.width, box.height]).to.deep.equal([4, 4, n, n]);
    expect(svg.getBoundingClientRect().width).to.equal((n + 8) * 5);
  });

  it('is an image with the caller’s label, themed through currentColor, and passes axe in a labelled figure', async () => {
    const { host, svg } = await show(await renderQrCode(URL_TEXT, { label: 'QR code: follow case WF-20261130-0042' }));
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.equal('QR code: follow case WF-20261130-0042');
    const path = svg.querySelector('path')!;
    expect(getComputedStyle(path).fill).to.equal('rgb(0, 0, 0)');
    expect(getComputedStyle(svg.querySelector('rect')!).fill).to.equal('rgb(255, 255, 255)');
    host.style.setProperty('--gk-qr-color', 'rgb(0, 40, 100)');
    expect(getComputedStyle(path).fill).to.equal('rgb(0, 40, 100)');
    await expect(host).to.be.accessible();
  });

  it('refuses text too long for any QR code with a RangeError', async () => {
    let error: unknown;
    try {
      await renderQrCode('x'.repeat(4000), { label: 'QR' });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(RangeError);
  });
});

describe('trackingUrl', () => {
  it('fills ticket and token into the template', () => {
    expect(trackingUrl(TRACK, { ticket: 'WF-20261130-0042', token: 'K7QM-4T2X-9PZR' })).to.equal(URL_TEXT);
  });

  it('encodes the values as URI components and fills every occurrence', () => {
    expect(
      trackingUrl('https://x.example/t/{ticket}?again={ticket}&k={token}', { ticket: 'A&B/1', token: 'a b#c' }),
    ).to.equal('https://x.example/t/A%26B%2F1?again=A%26B%2F1&k=a%20b%23c');
  });

  it('returns a template without placeholders as it is', () => {
    expect(trackingUrl('https://city.example/track', { ticket: 'WF-1', token: 'K7QM' })).to.equal(
      'https://city.example/track',
    );
  });
});
