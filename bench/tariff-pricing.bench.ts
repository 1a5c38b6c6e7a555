import { performance } from 'node:perf_hooks';
import { priceSession, type MeterSample } from '../src/tariff/index.js';
import { printTable, ratio } from './support.js';

/**
 * Issue 4: CDR pricings per second for a four-element tariff with time, energy and parking
 * restrictions over a 6-hour session sampled every minute, against JSON.parse + JSON.stringify of
 * the same CDR in the same run.
 */
const TARIFF = {
  country_code: 'NL',
  party_id: 'CPO',
  id: 'BENCH-4',
  currency: 'EUR',
  elements: [
    // Evening energy is dearer.
    { price_components: [{ type: 'ENERGY', price: 0.45, vat: 21, step_size: 1 }], restrictions: { start_time: '17:00', end_time: '22:00' } },
    // The first 20 kWh at a lower price.
    { price_components: [{ type: 'ENERGY', price: 0.3, vat: 21, step_size: 1 }], restrictions: { max_kwh: 20 } },
    { price_components: [{ type: 'ENERGY', price: 0.35, vat: 21, step_size: 1 }, { type: 'TIME', price: 1.2, vat: 21, step_size: 60 }] },
    // Parking during the day.
    { price_components: [{ type: 'PARKING_TIME', price: 2.5, vat: 21, step_size: 300 }], restrictions: { start_time: '08:00', end_time: '20:00' } },
  ],
  last_updated: '2026-01-01T00:00:00Z',
};

function sixHourTimeline(): MeterSample[] {
  const start = Date.parse('2026-03-02T14:00:00Z');
  const samples: MeterSample[] = [];
  let energy = 1000;
  for (let minute = 0; minute <= 360; minute++) {
    // Four hours of charging at 11 kW, then two hours parked.
    const charging = minute < 240;
    if (minute > 0 && charging) energy += 11 / 60;
    samples.push({ at: new Date(start + minute * 60_000).toISOString(), energyKwh: Number(energy.toFixed(3)), powerKw: charging ? 11 : 0, state: charging ? 'CHARGING' : 'PARKED' });
  }
  return samples;
}

function timeLoop(seconds: number, work: () => void): { runs: number; perSecond: number } {
  const deadline = performance.now() + seconds * 1000;
  let runs = 0;
  const started = performance.now();
  while (performance.now() < deadline) {
    work();
    runs++;
  }
  return { runs, perSecond: Math.round(runs / ((performance.now() - started) / 1000)) };
}

export async function run(): Promise<void> {
  const timeline = sixHourTimeline();
  const input = { tariff: TARIFF as never, timeZone: 'Europe/Amsterdam', timeline };
  const priced = priceSession(input);
  const cdrText = JSON.stringify({ ...priced, tariffs: [TARIFF], timeline });

  // Warm both paths before measuring.
  timeLoop(1, () => priceSession(input));
  timeLoop(1, () => JSON.stringify(JSON.parse(cdrText)));
  const baseline = timeLoop(5, () => JSON.stringify(JSON.parse(cdrText)));
  const pricing = timeLoop(5, () => priceSession(input));

  printTable(`Tariff engine: 4-element tariff, 6-hour session, ${timeline.length} samples, ${priced.charging_periods.length} charging periods, total ${priced.total_cost.excl_vat} EUR excl. VAT`, [
    { work: `JSON.parse + JSON.stringify of the CDR (${(cdrText.length / 1024).toFixed(1)} KiB)`, 'per second': baseline.perSecond, ratio: '1.00' },
    { work: 'priceSession (the CDR pricing)', 'per second': pricing.perSecond, ratio: ratio(pricing.perSecond, baseline.perSecond) },
  ]);
}
