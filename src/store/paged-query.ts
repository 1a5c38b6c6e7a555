import { sql, type SelectQueryBuilder } from 'kysely';
import type { PageRequest, PageResult } from '../ocpi/pagination.js';

/**
 * The one way a Sender interface's list is read from storage. `base` already holds the caller's
 * scope; this adds the half-open `last_updated` window and reads one page in creation order
 * (`seq`), so objects created during a crawl land on later pages and none is seen twice (OCPI
 * 2.2.1 "Transport and format", Pagination). The total comes with the page in one query.
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

  const rows = await filtered
    .select(sql<string>`count(*) over ()`.as('__total'))
    .orderBy(columns.seq)
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  if (rows.length > 0) {
    const total = Number((rows[0] as { __total: string }).__total);
    return { items: rows.map(({ __total: _total, ...item }) => item as O), total };
  }
  // Past the end (or nothing matches): the window gave no row to carry the total.
  const counted = await filtered
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('total'))
    .executeTakeFirstOrThrow();
  return { items: [], total: Number((counted as unknown as { total: string | number }).total) };
}
