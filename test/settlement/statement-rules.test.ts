import { describe, expect, it } from 'vitest';
import type { CDR } from '../../src/ocpi/types/cdrs.js';
import { DEFAULT_AGREEMENT } from '../../src/settlement/statements/agreement.js';
import { parsePeriod, periodContaining } from '../../src/settlement/statements/period.js';
import { selectLines } from '../../src/settlement/statements/statement-lines.js';
import { statementTotals } from '../../src/settlement/statements/statement-totals.js';

const DAY = 86_400_000;
const cdr = (id: string, end: string) => ({ id, end_date_time: end }) as CDR;
const at = (iso: string) => new Date(iso);

describe('settlement periods', () => {
  it('reads months and ISO weeks in UTC, and only the agreement’s kind', () => {
    expect(parsePeriod('2026-03', 'MONTHLY')).toEqual({ label: '2026-03', start: at('2026-03-01T00:00:00Z'), end: at('2026-04-01T00:00:00Z') });
    expect(parsePeriod('2026-12', 'MONTHLY')!.end).toEqual(at('2027-01-01T00:00:00Z'));
    expect(parsePeriod('2026-W01', 'WEEKLY')).toEqual({ label: '2026-W01', start: at('2025-12-29T00:00:00Z'), end: at('2026-01-05T00:00:00Z') });
    expect(parsePeriod('2026-W53', 'WEEKLY')!.start).toEqual(at('2026-12-28T00:00:00Z'));
    expect(parsePeriod('2025-W53', 'WEEKLY')).toBeNull();
    expect(parsePeriod('2026-13', 'MONTHLY')).toBeNull();
    expect(parsePeriod('2026-W10', 'MONTHLY')).toBeNull();
    expect(periodContaining(at('2026-03-31T23:59:59Z'), 'MONTHLY').label).toBe('2026-03');
    expect(periodContaining(at('2026-01-01T00:00:00Z'), 'WEEKLY').label).toBe('2026-W01');
  });
});

describe('the cut-off rule', () => {
  const march = parsePeriod('2026-03', 'MONTHLY')!;
  const marchCutoff = new Date(march.end.getTime() + 5 * DAY);
  const febClosed = new Date(march.start.getTime() + 5 * DAY);
  const closedAt = (ended: Date) => (ended < march.start ? febClosed : marchCutoff);

  it('takes the period’s CDRs recorded before its cut-off, and earlier ones only once their own period closed', () => {
    const candidates = [
      { cdr: cdr('IN', '2026-03-10T10:00:00Z'), recorded_at: at('2026-03-10T10:01:00Z') },
      { cdr: cdr('IN-BY-CUTOFF', '2026-03-31T23:00:00Z'), recorded_at: at('2026-04-05T23:59:59Z') },
      { cdr: cdr('AFTER-CUTOFF', '2026-03-31T23:00:00Z'), recorded_at: at('2026-04-06T00:00:00Z') },
      { cdr: cdr('FEB-IN-TIME', '2026-02-27T10:00:00Z'), recorded_at: at('2026-03-02T10:00:00Z') },
      { cdr: cdr('FEB-LATE', '2026-02-27T10:00:00Z'), recorded_at: at('2026-03-07T10:00:00Z') },
      { cdr: cdr('APRIL', '2026-04-01T00:00:00Z'), recorded_at: at('2026-04-01T01:00:00Z') },
      { cdr: cdr('TAKEN', '2026-03-12T10:00:00Z'), recorded_at: at('2026-03-12T11:00:00Z') },
    ];
    const lines = selectLines(candidates, march, marchCutoff, closedAt, new Set(['TAKEN']));
    expect(lines.map((l) => [l.cdr.id, l.late])).toEqual([
      ['IN', false],
      ['IN-BY-CUTOFF', false],
      ['FEB-LATE', true],
    ]);
  });
});

describe('statement totals', () => {
  it('adds gross, credits and VAT per country of charging, holds disputed lines apart, and takes the fees off net', () => {
    const totals = statementTotals(
      [
        { cdr_key: 'A', credit: false, country: 'NLD', total_excl_vat: '10', total_incl_vat: '12.1' },
        { cdr_key: 'B', credit: false, country: 'BEL', total_excl_vat: '5.5', total_incl_vat: '6.655' },
        { cdr_key: 'A-C', credit: true, country: 'NLD', total_excl_vat: '-10', total_incl_vat: '-12.1' },
        { cdr_key: 'D', credit: false, country: 'NLD', total_excl_vat: '7', total_incl_vat: '8.47' },
      ],
      new Set(['D']),
      { ...DEFAULT_AGREEMENT, hub_fee_per_session: 0.4, transaction_fee_percent: 2 },
    );
    expect(totals).toEqual({
      lines: 4,
      sessions: 2,
      gross: '15.5',
      credits: '-10',
      disputed: '7',
      disputed_lines: 1,
      fees: '1.11',
      net: '4.39',
      vat_by_country: { BEL: '1.155', NLD: '0' },
      total_incl_vat: '6.655',
    });
  });
});
