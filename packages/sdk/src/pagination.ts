export interface Page<Item> {
  items: Item[];
  nextCursor?: string | null;
}

/**
 * Walks every page of a cursor-paginated list, yielding items one by one.
 * Stops after the page whose `nextCursor` is null; a server that hands back
 * the cursor it was given would loop forever, so that is an error.
 */
export async function* paginate<Item, Query extends { cursor?: string }>(
  fetchPage: (query: Query) => Promise<Page<Item>>,
  query: Query,
): AsyncGenerator<Item, void, undefined> {
  let cursor = query.cursor;
  for (;;) {
    const page = await fetchPage({ ...query, cursor });
    yield* page.items;
    const next = page.nextCursor ?? undefined;
    if (next === undefined) return;
    if (next === cursor) throw new Error(`Pagination did not advance: the server returned cursor ${next} again.`);
    cursor = next;
  }
}
