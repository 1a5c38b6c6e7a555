import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/tariff/local-time.js';

describe('reading timestamps of a metering timeline', () => {
  it('reads RFC 3339 with Z, with an offset, without an offset (UTC), and with fractions', () => {
    expect(parseInstant('2026-03-02T14:00:00Z', 'at', 'INVALID_TIMELINE')).toBe(Date.UTC(2026, 2, 2, 14));
    expect(parseInstant('2026-03-02T16:00:00+02:00', 'at', 'INVALID_TIMELINE')).toBe(Date.UTC(2026, 2, 2, 14));
    expect(parseInstant('2026-03-02T14:00:00', 'at', 'INVALID_TIMELINE')).toBe(Date.UTC(2026, 2, 2, 14));
    expect(parseInstant('2026-03-02T14:00:00.250Z', 'at', 'INVALID_TIMELINE')).toBe(Date.UTC(2026, 2, 2, 14, 0, 0, 250));
  });

  it('refuses impossible dates and times and other shapes, naming the field', () => {
    for (const bad of ['2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T25:00:00Z', '2026-01-01', 'yesterday', '2026-01-01 00:00:00Z']) {
      expect(() => parseInstant(bad, 'timeline[3].at', 'INVALID_TIMELINE')).toThrow(/timeline\[3\]\.at/);
    }
  });
});
