// The service log's demo page (no inline scripts: the server sends a strict CSP).
// A real portal signs the worker in and hands the provider a token; this demo
// takes one of the seeded staff tokens from the mock server (served only with
// the demo pages) and sets it as a property, so it never appears in the DOM.
//   ?staff=<token>  which demo account (default: the first grid worker)
//   ?grid=<id>      preselect a grid (one outside the worker's grids shows the jurisdiction message)
//   ?kiosk          kiosk mode: large targets, "still there?" and an idle reset after 90 s
//   ?lang=en|zh-TW, ?theme=dark|high-contrast  (demo.js)
const params = new URLSearchParams(location.search);
const provider = document.querySelector('gk-provider');
const widget = document.createElement('gk-service-log-form');
const picker = document.querySelector('#demo-staff');
const page = document.querySelector('.page');

// CSSOM, not a style attribute: allowed under the page's Content-Security-Policy.
Object.assign(page.style, { gridTemplateColumns: 'minmax(0, 1fr)', maxWidth: '90rem' });
Object.assign(document.querySelector('.demo-staff').style, {
  display: 'flex',
  flexWrap: 'wrap',
  gap: '0.5rem',
  alignItems: 'center',
  maxWidth: '90rem',
  margin: '1rem auto 0',
  padding: '0 1rem',
});

picker.style.maxWidth = '100%';

if (params.has('kiosk')) {
  document.body.classList.add('kiosk');
  provider.setAttribute('kiosk', '');
}
if (params.get('grid')) widget.setAttribute('grid-id', params.get('grid'));

const tokens = await fetch('/demo/staff-tokens.json').then((response) => (response.ok ? response.json() : []));
const workers = tokens.filter((t) => t.role === 'grid_worker');
const chosen = tokens.find((t) => t.token === params.get('staff')) ?? workers[0];
for (const t of tokens) {
  const option = new Option(`${t.label} (${t.role})`, t.token, false, t === chosen);
  picker.add(option);
}
picker.addEventListener('change', () => {
  const url = new URL(location.href);
  url.searchParams.set('staff', picker.value);
  url.searchParams.delete('grid');
  location.assign(url);
});
// Token first, then the widget: its first request is already signed in.
if (chosen) provider.token = chosen.token;
page.append(widget);
