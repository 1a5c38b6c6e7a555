import type { HubMessageQuery } from '../../api/types';

/** The message log's filters, as the page's URL carries them (`#/hub?request_id=…`), so a search can be linked to. */
export const MESSAGE_FILTERS = ['request_id', 'correlation_id', 'party', 'module', 'outcome'] as const;

export type MessageSearch = Partial<Record<(typeof MESSAGE_FILTERS)[number], string>>;

export function messageSearchOf(query: URLSearchParams): MessageSearch {
  const search: MessageSearch = {};
  for (const filter of MESSAGE_FILTERS) {
    const value = query.get(filter)?.trim();
    if (value) search[filter] = value;
  }
  return search;
}

/** The API query of a search: the newest 200 entries that match. */
export function messageQuery(search: MessageSearch): HubMessageQuery {
  return { ...search, outcome: search.outcome === 'ok' || search.outcome === 'failed' ? search.outcome : undefined, limit: 200 };
}
