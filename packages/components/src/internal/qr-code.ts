/**
 * The QR code on a report's receipt: a link to follow the case, built from a
 * configurable template. The encoder (lean-qr's `nano` build, ~2 kB min+gzip;
 * the comparison is in docs/photos-and-qr.md) is loaded with a dynamic
 * import, so a page pays for it only when a receipt is shown.
 */
import { css, html, svg, type TemplateResult } from 'lit';

interface QrCodeOptions {
  /** Accessible name of the image, e.g. "QR code: follow case WF-20261130-0042". Required: a QR code is meaningless to a screen reader without it. */
  label: string;
  /** Light modules around the symbol; the standard asks for 4. */
  quietZone?: number;
  /** Rendered size of one module in CSS pixels when no CSS sets the size. Default 4. */
  moduleSize?: number;
}

/** Rows of modules, `true` = dark, without quiet zone. */
type QrMatrix = readonly (readonly boolean[])[];

/**
 * Encode `text` (UTF-8, byte/alphanumeric/numeric modes chosen automatically)
 * with error correction at least M (the encoder raises it when the chosen
 * size has room to spare). Loads the encoder on first use.
 *
 * @throws {RangeError} when the text does not fit in a QR code (about 2,300 bytes at level M).
 */
export async function encodeQrMatrix(text: string): Promise<QrMatrix> {
  const { generate, correction } = await import('lean-qr/nano');
  let code;
  try {
    code = generate(text, { minCorrectionLevel: correction.M });
  } catch (cause) {
    throw new RangeError('The text is too long for a QR code.', { cause });
  }
  const rows: boolean[][] = [];
  for (let y = 0; y < code.size; y += 1) {
    const row: boolean[] = [];
    for (let x = 0; x < code.size; x += 1) row.push(code.get(x, y));
    rows.push(row);
  }
  return rows;
}

/** One path for all dark modules, a horizontal run of modules per subpath: small DOM, crisp at any scale. */
function modulesPath(matrix: QrMatrix, offset: number): string {
  let d = '';
  matrix.forEach((row, y) => {
    for (let x = 0; x < row.length; x += 1) {
      if (!row[x]) continue;
      let run = 1;
      while (row[x + run]) run += 1;
      d += `M${x + offset} ${y + offset}h${run}v1h-${run}z`;
      x += run - 1;
    }
  });
  return d;
}

/**
 * Draw a matrix as an accessible SVG (`role="img"` with the caller's label).
 * Built with Lit templates only — the path data is numbers we computed, never
 * markup from the input — so it is safe for any text and allowed by a strict CSP.
 */
function qrCodeTemplate(matrix: QrMatrix, options: QrCodeOptions): TemplateResult {
  const quiet = options.quietZone ?? 4;
  const side = matrix.length + 2 * quiet;
  const px = side * (options.moduleSize ?? 4);
  return html`<svg
    class="gk-qr"
    part="qr-code"
    role="img"
    aria-label=${options.label}
    viewBox="0 0 ${side} ${side}"
    width=${px}
    height=${px}
    shape-rendering="crispEdges"
  >
    ${svg`<rect class="gk-qr-light" width=${side} height=${side} fill="#fff"></rect><path class="gk-qr-dark" fill="currentColor" d=${modulesPath(matrix, quiet)}></path>`}
  </svg>`;
}

/**
 * Render `text` as an accessible QR code SVG; loads the encoder on first use
 * (so call it when the receipt is about to show, e.g. in a `Task`).
 *
 * Dark modules are `currentColor`; the light background is white. Add
 * {@link qrCodeStyles} to the host's styles for the `--gk-qr-*` tokens and
 * forced-colours handling.
 *
 * @throws {RangeError} when the text does not fit in a QR code.
 */
export async function renderQrCode(text: string, options: QrCodeOptions): Promise<TemplateResult> {
  return qrCodeTemplate(await encodeQrMatrix(text), options);
}

/**
 * Styles for the SVG from {@link renderQrCode}: `--gk-qr-color` (dark modules,
 * default black) and `--gk-qr-background` (default white). A QR code needs
 * strong contrast to scan, so forced-colours modes leave it black on white.
 */
export const qrCodeStyles = css`
  .gk-qr {
    color: var(--gk-qr-color, #000);
    max-inline-size: 100%;
    block-size: auto;
    forced-color-adjust: none;
  }
  .gk-qr-light {
    fill: var(--gk-qr-background, #fff);
  }
`;

/**
 * The address a receipt's QR code points to: `template` with `{ticket}` and
 * `{token}` replaced (every occurrence) by the URI-component-encoded values,
 * e.g. `https://city.example/track?ticket={ticket}&token={token}`.
 * A template without placeholders is returned as it is (a tracking page where
 * the resident types the number); other `{…}` text is left alone.
 */
export function trackingUrl(template: string, values: { ticket: string; token: string }): string {
  return template
    .replaceAll('{ticket}', () => encodeURIComponent(values.ticket))
    .replaceAll('{token}', () => encodeURIComponent(values.token));
}
