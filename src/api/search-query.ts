import { Type } from '@sinclair/typebox';

/** The longest search text an admin list accepts: ids and contract numbers are far shorter. */
const SEARCH_MAX_LENGTH = 100;

/**
 * `q` of the admin lists that search (tokens, sessions, CDRs): part of an id, matched without
 * case. A longer or repeated `q` is a 400 naming `q`.
 */
export const SearchText = Type.String({ maxLength: SEARCH_MAX_LENGTH, description: 'part of an id, matched without case' });

/** The query string of a searchable admin list; paging parameters pass through to parsePageRequest. */
export const SearchQuery = Type.Object({ q: Type.Optional(SearchText) });

/** The search text to apply: none when `q` is absent or blank. */
export function searchText(query: unknown): string | undefined {
  const text = (query as { q?: string }).q?.trim();
  return text ? text : undefined;
}
