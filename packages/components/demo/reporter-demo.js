// The issue reporter's demo page (no inline scripts: the server sends a strict CSP).
// ?kiosk shows it as on a community terminal: kiosk mode (large targets, idle
// reset after 90 s), the terminal's own grid fixed, no sidebar. The receipt's
// QR code links to this server's case tracker.
const params = new URLSearchParams(location.search);
const reporter = document.querySelector('gk-issue-reporter');
reporter.setAttribute('track-url', new URL('case-tracker.html?ticket={ticket}&token={token}', location.href).href);
if (params.has('kiosk')) {
  document.body.classList.add('kiosk');
  document.querySelector('.masthead')?.remove();
  document.querySelector('.page aside')?.remove();
  const page = document.querySelector('.page');
  // CSSOM, not a style attribute: allowed under the page's Content-Security-Policy.
  Object.assign(page.style, { gridTemplateColumns: 'minmax(0, 1fr)', maxWidth: '1800px', padding: '0 2rem' });
  document.querySelector('gk-provider').setAttribute('kiosk', '');
  reporter.setAttribute('data-grid', '');
  if (params.get('idle')) reporter.setAttribute('idle-reset', params.get('idle'));
}
for (const type of ['gk-case-submitted', 'gk-case-queued', 'gk-case-rejected', 'gk-reset'])
  document.addEventListener(type, (event) => console.info(type, event.detail));
