// Shared by the demo pages (no inline scripts: the server sends a strict CSP).
// ?grid=<id> picks the grid (default: the seed's 桥北社区第二网格),
// ?theme=dark|high-contrast and ?lang=en|zh-TW change the look and language.
const params = new URLSearchParams(location.search);
if (params.get('lang')) document.documentElement.lang = params.get('lang');
const theme = params.get('theme');
if (theme) {
  for (const el of document.querySelectorAll('[data-theme]')) el.setAttribute('theme', theme);
  if (theme !== 'light') document.body.classList.add('dark');
}
const gridId =
  params.get('grid') ??
  (await fetch('/api/v1/grids?q=' + encodeURIComponent('桥北社区第二网格'))
    .then((response) => response.json())
    .then((page) => page.items[0]?.id));
for (const el of document.querySelectorAll('[data-grid]')) el.setAttribute('grid-id', gridId);
