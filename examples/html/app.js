// Properties from script, events with addEventListener: `detail` is typed by
// HTMLElementEventMap in an editor that reads the package's types.
const provider = document.querySelector('gk-provider');
const status = document.getElementById('status');

// The grid: `?grid=<id>`, else the demo seed's 桥北社区第二网格 (ids are not fixed across seeds).
const params = new URLSearchParams(location.search);
const gridId =
  params.get('grid') ??
  (await fetch('/api/v1/grids?q=' + encodeURIComponent('桥北社区第二网格'))
    .then((response) => response.json())
    .then((page) => page.items[0]?.id));
// A property: every widget inside the provider shows this grid.
provider.gridId = gridId;

document.addEventListener('gk-load', (event) => {
  status.textContent = `Loaded ${event.detail.gridId}`;
});
document.addEventListener('gk-case-found', (event) => {
  status.textContent = `${event.detail.ticket}: ${event.detail.status}`;
});
document.addEventListener('gk-error', (event) => console.error(event.detail.error));
