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
