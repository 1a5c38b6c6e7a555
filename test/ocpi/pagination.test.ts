import { describe, expect, it } from 'vitest';
import { nextLink, pageHeaders, parsePageRequest } from '../../src/ocpi/pagination.js';
import { OcpiError } from '../../src/ocpi/ocpi-error.js';

describe('page requests', () => {
  it('defaults offset to 0 and limit to the server cap, and caps larger limits', () => {
    expect(parsePageRequest({}, 100)).toEqual({ offset: 0, limit: 100 });
    expect(parsePageRequest({ limit: '5000', offset: '10' }, 100)).toEqual({ offset: 10, limit: 100 });
  });

  it('reads date_from and date_to as OCPI DateTimes, with or without Z', () => {
    const page = parsePageRequest({ date_from: '2026-01-01T00:00:00', date_to: '2026-01-02T00:00:00.500Z' }, 100);
    expect(page.dateFrom?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(page.dateTo?.toISOString()).toBe('2026-01-02T00:00:00.500Z');
  });

  it('refuses a window that ends before it starts', () => {
    expect(() => parsePageRequest({ date_from: '2026-01-02T00:00:00Z', date_to: '2026-01-01T00:00:00Z' }, 100)).toThrow(/date_to/);
  });

  it('refuses limit=0 and fractions with 2001', () => {
    for (const query of [{ limit: '0' }, { offset: '1.5' }]) {
      try {
        parsePageRequest(query, 100);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(OcpiError);
        expect((error as OcpiError).statusCode).toBe(2001);
      }
    }
  });
});

describe('page headers', () => {
  it('omit Link on the last page and always give X-Limit and X-Total-Count', () => {
    const headers = pageHeaders(new URL('http://h/x?offset=90&limit=10'), { offset: 90, limit: 10 }, 10, 100, 50);
    expect(headers).toEqual({ 'x-total-count': '100', 'x-limit': '50' });
  });

  it('omit Link when a page came back empty, so a client cannot loop', () => {
    expect(pageHeaders(new URL('http://h/x'), { offset: 500, limit: 10 }, 0, 100, 50).link).toBeUndefined();
  });
});

describe('the Link header', () => {
  it('finds rel="next" among several links, quoted or not', () => {
    expect(nextLink('<http://a/prev>; rel="prev", <http://a/next?x=1,2>; rel="next"')).toBe('http://a/next?x=1,2');
    expect(nextLink('<http://a/n>; rel=next')).toBe('http://a/n');
    expect(nextLink('<http://a/p>; rel="prev"')).toBeNull();
    expect(nextLink(null)).toBeNull();
  });
});
