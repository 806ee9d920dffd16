// The resolution-rate demo page (no inline scripts: the server sends a strict CSP).
// Elements with data-district get the seed's district (the root of the tree);
// ?layout=kiosk shows the district alone on a public screen; ?period=… picks the period. The ranking (红黄榜)
// of the district's streets sits under its figures.
const params = new URLSearchParams(location.search);
const districtId = await fetch('/api/v1/grids?level=district')
  .then((response) => response.json())
  .then((page) => page.items[0]?.id);
for (const el of document.querySelectorAll('[data-district]')) {
  el.setAttribute('grid-id', districtId);
  if (params.get('period')) el.setAttribute('period', params.get('period'));
}
if (params.get('layout') === 'kiosk') {
  document.body.classList.add('kiosk');
  document.querySelector('.masthead')?.remove();
  document.querySelector('aside')?.remove();
  const page = document.querySelector('.page');
  // CSSOM, not a style attribute: allowed under the strict CSP.
  page.style.gridTemplateColumns = '1fr';
  page.style.maxWidth = '1800px';
  page.style.margin = '0 auto';
  page.style.padding = '2rem';
  for (const el of document.querySelectorAll('[data-district]')) el.setAttribute('layout', 'kiosk');
}
