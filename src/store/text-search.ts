import { sql, type Expression, type RawBuilder } from 'kysely';

/**
 * The operator's search of an admin list: rows where any of `values` contains `text`, ignoring
 * case. The text is taken literally (`%`, `_` and `\` are escaped; `\` is PostgreSQL's default
 * LIKE escape). A leading wildcard reads every row of the party's list; admin lists are scoped
 * to one party and paged, which keeps that affordable without a trigram index.
 */
export function containsText(text: string, values: ReadonlyArray<Expression<unknown>>): RawBuilder<boolean> {
  const pattern = `%${text.replace(/[\\%_]/g, '\\$&')}%`;
  return sql<boolean>`(${sql.join(
    values.map((value) => sql`${value} ilike ${pattern}`),
    sql` or `,
  )})`;
}
