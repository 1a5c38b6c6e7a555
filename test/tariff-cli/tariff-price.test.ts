import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/evroam-process.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const fixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
const price = (excl: number, incl: number) => ({ excl_vat: excl, incl_vat: incl });
const none = price(0, 0);

/** A folder holding the given files, so messages name them as an operator typed them. */
function folderWith(files: Record<string, unknown>): string {
  const folder = mkdtempSync(join(tmpdir(), 'evroam-tariff-cli-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), typeof content === 'string' ? content : JSON.stringify(content));
  return folder;
}

async function tariffPrice(files: Record<string, unknown>, extra: string[] = []) {
  return runCli(['tariff', 'price', '--tariff', 'TARIFF.json', '--cdr', 'CDR.json', ...extra], {}, folderWith(files));
}

// Day rate 0.30/kWh 07:00–23:00 local, else 0.20/kWh; 1.00 per session; parking 3.00/h in 5-minute
// steps; 21 % VAT. The session starts 22:30 in Amsterdam (21:30 UTC): 5 kWh before 23:00, 6 kWh after.
const NIGHT = { 'TARIFF.json': fixture('day-night-tariff.json'), 'CDR.json': fixture('day-night-cdr.json') };
// Amsterdam: 5 × 0.30 + 6 × 0.20 = 2.70; parking 18 min → 20 min = 1.00; fixed 1.00. Total 4.70, incl. VAT 5.687.
const AMSTERDAM_TOTALS = {
  total_cost: price(4.7, 5.687),
  total_energy: 11,
  total_energy_cost: price(2.7, 3.267),
  total_time: 1.55,
  total_time_cost: none,
  total_parking_time: 0.3,
  total_parking_cost: price(1, 1.21),
  total_fixed_cost: price(1, 1.21),
  total_reservation_cost: none,
};

describe('evroam tariff price', () => {
  it('re-prices an official-example-like CDR: 1.973 h at 2.00/h in 5-minute steps is 2 h, 4.00 and 4.40 with 10 % VAT', async () => {
    const result = await tariffPrice({ 'TARIFF.json': fixture('time-tariff.json'), 'CDR.json': fixture('time-cdr.json') }, ['--time-zone', 'Europe/Brussels']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      total_cost: price(4, 4.4),
      total_energy: 15.342,
      total_energy_cost: none,
      total_time: 1.973,
      total_time_cost: price(4, 4.4),
      total_parking_time: 0,
      total_parking_cost: none,
      total_fixed_cost: none,
      total_reservation_cost: none,
    });
    expect(result.stderr).toBe('');
  });

  it("prices on the location's clock when --time-zone or the CDR gives it, and on UTC with a warning when nothing does", async () => {
    const cdr = NIGHT['CDR.json'];
    const [flag, onLocation, withLocation, utc] = await Promise.all([
      tariffPrice(NIGHT, ['--time-zone', 'Europe/Amsterdam']),
      tariffPrice({ ...NIGHT, 'CDR.json': { ...cdr, cdr_location: { ...(cdr.cdr_location as object), time_zone: 'Europe/Amsterdam' } } }),
      tariffPrice({ ...NIGHT, 'CDR.json': { ...cdr, location: { id: 'LOC-1', time_zone: 'Europe/Amsterdam' } } }),
      tariffPrice(NIGHT),
    ]);
    for (const result of [flag, onLocation, withLocation]) {
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual(AMSTERDAM_TOTALS);
    }
    // On UTC the second period starts at 22:00, still day rate: 11 × 0.30 = 3.30.
    expect(utc.code, utc.stderr).toBe(0);
    expect(JSON.parse(utc.stdout)).toEqual({ ...AMSTERDAM_TOTALS, total_cost: price(5.3, 6.413), total_energy_cost: price(3.3, 3.993) });
    expect(utc.stderr).toMatch(/CDR\.json does not say the location's time zone; priced in UTC/);
    // --time-zone wins over what the file says.
    const overridden = await tariffPrice({ ...NIGHT, 'CDR.json': { ...cdr, cdr_location: { ...(cdr.cdr_location as object), time_zone: 'Europe/Amsterdam' } } }, ['--time-zone', 'UTC']);
    expect(JSON.parse(overridden.stdout).total_cost).toEqual(price(5.3, 6.413));
  });

  it('refuses unreadable input with exit code 2 and a message naming the file and the field', async () => {
    const periods = (NIGHT['CDR.json'].charging_periods as Array<Record<string, unknown>>).map((p) => ({ ...p }));
    const badTime = { ...NIGHT['CDR.json'], charging_periods: periods.map((p, i) => (i === 2 ? { ...p, start_date_time: 'yesterday' } : p)) };
    const negative = { ...NIGHT['CDR.json'], charging_periods: periods.map((p, i) => (i === 1 ? { ...p, dimensions: [{ type: 'TIME', volume: -1 }] } : p)) };
    const tariff = NIGHT['TARIFF.json'] as { elements: Array<{ price_components: Array<Record<string, unknown>> }> };
    const badPrice = { ...tariff, elements: [{ price_components: [{ ...tariff.elements[0]!.price_components[0], price: 'cheap' }] }] };
    const cases: Array<[Record<string, unknown>, string[], RegExp]> = [
      [{ ...NIGHT, 'CDR.json': badTime }, [], /^evroam: CDR\.json: charging_periods\[2\]\.start_date_time: /],
      [{ ...NIGHT, 'CDR.json': negative }, [], /^evroam: CDR\.json: charging_periods\[1\]\.dimensions\[0\]: TIME must not be negative/],
      [{ ...NIGHT, 'TARIFF.json': badPrice }, [], /^evroam: TARIFF\.json: elements\[0\]\.price_components\[0\]\.price: /],
      [{ ...NIGHT, 'CDR.json': '{"charging_periods": [' }, [], /^evroam: CDR\.json is not valid JSON/],
      [{ 'TARIFF.json': NIGHT['TARIFF.json'] }, [], /^evroam: cannot read CDR\.json: ENOENT/],
      [{ ...NIGHT, 'TARIFF.json': { ...tariff, end_date_time: '2024-01-31T00:00:00Z' } }, [], /^evroam: TARIFF\.json: start_date_time\/end_date_time: tariff DAY-NIGHT is not valid at 2024-03-12T21:30:00Z/],
      [NIGHT, ['--time-zone', 'Mars/Olympus'], /^evroam: --time-zone: unknown IANA time zone 'Mars\/Olympus'/],
    ];
    const results = await Promise.all(cases.map(([files, extra]) => tariffPrice(files, extra)));
    results.forEach((result, i) => {
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim()).toMatch(cases[i]![2]);
    });
    const missing = await runCli(['tariff', 'price', '--tariff', 'TARIFF.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing --cdr/);
  });
});
