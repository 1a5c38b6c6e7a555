import type { Page } from '../api/client';

export type PageFetch<T> = (range: { offset: number; limit: number }) => Promise<Page<T>>;

/**
 * Page `page` (0 = newest) of a list the admin API pages oldest first (creation order: the one
 * pagination helper, so rows added meanwhile never shift earlier pages). The first request
 * learns the total and, for a list shorter than a page, is the answer; otherwise the page is read
 * from the end of the list and reversed.
 */
export async function newestPage<T>(fetch: PageFetch<T>, page: number, size: number): Promise<Page<T>> {
  const first = await fetch({ offset: 0, limit: size });
  if (first.total <= size) return { items: page === 0 ? [...first.items].reverse() : [], total: first.total };
  const end = first.total - page * size;
  if (end <= 0) return { items: [], total: first.total };
  const start = Math.max(0, end - size);
  const slice = await fetch({ offset: start, limit: end - start });
  return { items: [...slice.items].reverse(), total: slice.total };
}

/** The newest 1,000 rows of a list: as many as the admin API gives in one page. */
const SEARCHED_HERE_LIMIT = 1000;

/**
 * Pages of a list the API cannot search yet (an eMSP's received sessions): its newest 1,000 rows
 * are loaded once, then filtered with `keep` and paged here, newest first.
 */
export function searchedHere<T>(fetch: PageFetch<T>, keep: (item: T) => boolean): (page: number, size: number) => Promise<Page<T>> {
  let loaded: Promise<T[]> | undefined;
  return async (page, size) => {
    loaded ??= newestPage(fetch, 0, SEARCHED_HERE_LIMIT).then((newest) => newest.items.filter(keep));
    const items = await loaded;
    return { items: items.slice(page * size, (page + 1) * size), total: items.length };
  };
}
