import { parseOcpiDateTime } from './datetime.js';
import { OcpiHeader } from './headers.js';
import { OcpiError } from './ocpi-error.js';

/**
 * A Sender interface's list request (OCPI 2.2.1 "Transport and format", Pagination): `date_from`
 * inclusive and `date_to` exclusive on `last_updated`, so consecutive sync windows never overlap.
 */
export interface PageRequest {
  offset: number;
  limit: number;
  dateFrom?: Date;
  dateTo?: Date;
}

export interface PageResult<T> {
  items: T[];
  /** Objects matching the filters that this caller may see, regardless of offset and limit. */
  total: number;
}

export function parsePageRequest(query: Record<string, unknown>, maxLimit: number): PageRequest {
  const offset = integerParam(query, 'offset', 0);
  const limit = Math.min(integerParam(query, 'limit', maxLimit), maxLimit);
  const request: PageRequest = { offset, limit };
  const dateFrom = dateParam(query, 'date_from');
  const dateTo = dateParam(query, 'date_to');
  if (dateFrom) request.dateFrom = dateFrom;
  if (dateTo) request.dateTo = dateTo;
  if (dateFrom && dateTo && dateTo <= dateFrom) {
    throw OcpiError.invalid('Invalid query parameter date_to: must be later than date_from');
  }
  return request;
}

function integerParam(query: Record<string, unknown>, name: string, fallback: number): number {
  const raw = query[name];
  if (raw === undefined || raw === '') return fallback;
  const value = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < 0 || (name === 'limit' && value === 0)) {
    throw OcpiError.invalid(`Invalid query parameter ${name}: expected a ${name === 'limit' ? 'positive' : 'non-negative'} integer, got "${String(raw)}"`);
  }
  return value;
}

function dateParam(query: Record<string, unknown>, name: string): Date | undefined {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  const date = typeof raw === 'string' ? parseOcpiDateTime(raw) : null;
  if (!date) throw OcpiError.invalid(`Invalid query parameter ${name}: expected an OCPI DateTime, got "${String(raw)}"`);
  return date;
}

/**
 * The response headers of a page: `X-Total-Count`, `X-Limit` (the server's page size cap, even when
 * fewer objects came back) and, unless this is the last page, a `Link` to the next one that keeps
 * every filter of the original request.
 */
export function pageHeaders(requestUrl: URL, page: PageRequest, returned: number, total: number, maxLimit: number): Record<string, string> {
  const headers: Record<string, string> = {
    [OcpiHeader.TotalCount]: String(total),
    [OcpiHeader.Limit]: String(maxLimit),
  };
  const nextOffset = page.offset + returned;
  if (returned > 0 && nextOffset < total) {
    const next = new URL(requestUrl);
    next.searchParams.set('offset', String(nextOffset));
    next.searchParams.set('limit', String(page.limit));
    headers[OcpiHeader.Link] = `<${next.toString()}>; rel="next"`;
  }
  return headers;
}

/** The URL of `rel="next"` in a Link header, if any (RFC 8288). */
export function nextLink(linkHeader: string | null | undefined): string | null {
  if (!linkHeader) return null;
  for (const part of linkHeader.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (match && /(^|;)\s*rel\s*=\s*"?next"?\s*(;|$)/i.test(match[2]!)) return match[1]!;
  }
  return null;
}
