import type { SelectQueryBuilder } from 'kysely';
import type { PageRequest, PageResult } from '../ocpi/pagination.js';

/**
 * The one way a Sender interface's list is read from storage. `base` already holds the caller's
 * scope; this adds the half-open `last_updated` window, counts what matches, and reads one page in
 * creation order (`seq`), so objects created during a crawl land on later pages and none is seen
 * twice (OCPI 2.2.1 "Transport and format", Pagination). The count is a query of its own: a window
 * count over the page query would read every matching row's data on every page.
 */
export async function fetchPage<DB, TB extends keyof DB, O>(
  base: SelectQueryBuilder<DB, TB, O>,
  page: PageRequest,
  columns: { lastUpdated: string; seq: string },
): Promise<PageResult<O>> {
  // Column names come from the calling repository, never from the request.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let filtered = base as SelectQueryBuilder<any, any, O>;
  if (page.dateFrom) filtered = filtered.where(columns.lastUpdated, '>=', page.dateFrom);
  if (page.dateTo) filtered = filtered.where(columns.lastUpdated, '<', page.dateTo);

  const counted = await filtered
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('total'))
    .executeTakeFirstOrThrow();
  const total = Number((counted as unknown as { total: string | number }).total);
  if (total === 0 || page.offset >= total) return { items: [], total };

  const items = await filtered.orderBy(columns.seq).offset(page.offset).limit(page.limit).execute();
  return { items: items as O[], total };
}
