/** The grid to show: `?grid=<id>`, else the demo seed's 桥北社区第二网格 (ids are not fixed across seeds). */
export async function findGrid(baseUrl: string): Promise<string> {
  const fromUrl = new URLSearchParams(location.search).get('grid');
  if (fromUrl) return fromUrl;
  const response = await fetch(`${baseUrl}/grids?q=${encodeURIComponent('桥北社区第二网格')}`);
  const page = (await response.json()) as { items: { id: string }[] };
  return page.items[0]!.id;
}
