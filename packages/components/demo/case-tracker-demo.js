// The case tracker's demo page (no inline scripts: the server sends a strict CSP).
// ?ticket=…&token=… are read by the tracker itself (read-url), as a link or QR
// code on a receipt would give them; ?layout=kiosk shows it as on a community
// terminal: full width, large text and targets, no sidebar.
const params = new URLSearchParams(location.search);
if (params.get('layout') === 'kiosk') {
  document.body.classList.add('kiosk');
  document.querySelector('.masthead')?.remove();
  document.querySelector('.page aside')?.remove();
  const page = document.querySelector('.page');
  // CSSOM, not a style attribute: allowed under the page's Content-Security-Policy.
  Object.assign(page.style, { gridTemplateColumns: 'minmax(0, 1fr)', maxWidth: '1800px', padding: '0 2rem' });
  document.querySelector('gk-case-tracker')?.setAttribute('layout', 'kiosk');
}
