// The kiosk demo page (no inline scripts: the server sends a strict CSP).
// ?idle=<seconds> and ?grace=<seconds> shorten the idle reset to try it;
// ?size=large|x-large starts with larger text. ?grid=, ?lang= and ?theme=
// work as on every demo page (demo.js). The receipt's QR code links to this
// server's case tracker.
const params = new URLSearchParams(location.search);
const kiosk = document.querySelector('gk-kiosk');
kiosk.setAttribute('track-url', new URL('case-tracker.html?ticket={ticket}&token={token}', location.href).href);
if (params.get('idle')) kiosk.setAttribute('idle-reset', params.get('idle'));
if (params.get('grace')) kiosk.setAttribute('idle-grace', params.get('grace'));
if (params.get('size')) kiosk.setAttribute('text-size', params.get('size'));
for (const type of ['gk-screen-change', 'gk-case-submitted', 'gk-case-queued'])
  document.addEventListener(type, (event) => console.info(type, event.detail));
