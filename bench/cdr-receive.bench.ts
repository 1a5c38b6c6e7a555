import type pg from 'pg';
import { cdrFromSession } from '../src/cpo/cdrs/cdr-from-session.js';
import { priceTimeline } from '../src/cpo/sessions/session-pricing.js';
import type { CDR } from '../src/ocpi/types/cdrs.js';
import type { Session } from '../src/ocpi/types/sessions.js';
import type { Tariff } from '../src/ocpi/types/tariffs.js';
import type { StoredChargePoint } from '../src/store/tables/session-tables.js';
import { countRows, loadRotating, printTable, ratio, registerPartnerDirectly, startBenchService } from './support.js';

const EMSP = { countryCode: 'DE', partyId: 'MSP', roles: ['EMSP' as const], name: 'Bench eMSP' };
const CPO = { countryCode: 'NL', partyId: 'CPO', role: 'CPO' };
/** CDRs posted by the load; CHECKED more go first, one at a time, to read their answers. */
const CDRS = 10_000;
const CHECKED = 16;
const IN_FLIGHT = 16;
const TOKENS = 100;
/** Rows per INSERT of the baseline, as the repositories chunk their bulk writes. */
const BATCH = 500;

const TARIFF: Tariff = {
  country_code: 'NL',
  party_id: 'CPO',
  id: 'AC-1',
  currency: 'EUR',
  elements: [
    {
      price_components: [
        { type: 'FLAT', price: 0.5, vat: 21, step_size: 1 },
        { type: 'ENERGY', price: 0.3, vat: 21, step_size: 1 },
        { type: 'PARKING_TIME', price: 2, vat: 21, step_size: 60 },
      ],
    },
  ],
  last_updated: '2025-01-01T00:00:00Z',
};

const CHARGE_POINT: StoredChargePoint = {
  location: {
    id: 'LOC-1',
    name: 'Stationsplein',
    address: 'Stationsplein 1',
    city: 'Utrecht',
    postal_code: '3511 ED',
    country: 'NLD',
    coordinates: { latitude: '52.089444', longitude: '5.110278' },
    evse_uid: 'EVSE-1',
    evse_id: 'NL*CPO*E0001*1',
    connector_id: '1',
    connector_standard: 'IEC_62196_T2',
    connector_format: 'SOCKET',
    connector_power_type: 'AC_3_PHASE',
  },
  time_zone: 'Europe/Amsterdam',
  tariff: TARIFF,
};

const tokenOf = (i: number) => ({ country_code: 'DE', party_id: 'MSP', uid: `04B0${i.toString(16).toUpperCase().padStart(10, '0')}`, type: 'RFID' as const, contract_id: `DE-MSP-C${String(i).padStart(8, '0')}` });

/**
 * CDRs per second through the eMSP's CDRs Receiver (`POST receiver/cdrs`: validation, re-pricing,
 * token check, idempotent insert), each a distinct CDR for one of the eMSP's tokens, posted with
 * 16 in flight from a separate process; against a multi-row INSERT of the same CDR JSON into the
 * same table through `pg`, in the same run.
 */
export async function run(): Promise<void> {
  const emsp = await startBenchService([EMSP]);
  try {
    await emsp.api('POST', '/parties/DE-MSP/tokens/import', Array.from({ length: TOKENS }, (_, i) => tokenOf(i)));
    const { peerId, authorization } = await registerPartnerDirectly(emsp.service, EMSP, CPO, 'bench-cpo-token');

    const cdrs = buildCdrs(CHECKED + CDRS);
    const bodies = cdrs.map((cdr) => JSON.stringify(cdr));
    const [checked, loaded] = [bodies.slice(0, CHECKED), bodies.slice(CHECKED)];

    // Baseline first, on the empty table; emptied again before the service receives the same CDRs.
    const rows = cdrs.map((cdr, i) => ['DE', 'MSP', cdr.country_code, cdr.party_id, cdr.id.toUpperCase(), peerId, cdr.credit === true, null, new Date(cdr.last_updated), bodies[i]]);
    const insertStart = performance.now();
    for (let i = 0; i < rows.length; i += BATCH) await insertRaw(emsp.sql, rows.slice(i, i + BATCH));
    const insertSeconds = (performance.now() - insertStart) / 1000;
    if ((await countRows(emsp.sql, 'emsp_cdr')) !== bodies.length) throw new Error('the baseline did not insert every CDR');
    await emsp.sql.query('truncate emsp_cdr');

    for (const body of checked) {
      const response = await fetch(`${emsp.url}/ocpi/2.2.1/receiver/cdrs`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body });
      const answer = (await response.json()) as { status_code: number; status_message?: string };
      if (response.status !== 201 || answer.status_code !== 1000) throw new Error(`a CDR was not accepted: ${response.status} ${JSON.stringify(answer)}`);
    }
    const receive = await loadRotating('POST receiver/cdrs', {
      origin: emsp.url,
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      paths: ['/ocpi/2.2.1/receiver/cdrs'],
      bodies: loaded,
      connections: IN_FLIGHT,
      amount: loaded.length,
    });
    const accepted = (await countRows(emsp.sql, 'emsp_cdr')) - CHECKED;
    const rejected = await countRows(emsp.sql, 'rejected_cdr');
    const receivedPerSecond = Math.round(accepted / receive.seconds);
    const insertedPerSecond = Math.round(bodies.length / insertSeconds);

    printTable(`CDRs received by the eMSP, PostgreSQL (${IN_FLIGHT} in flight; baseline: INSERT of ${BATCH} rows per statement)`, [
      { work: `raw batched INSERT into emsp_cdr (${bodies.length} rows)`, CDRs: bodies.length, seconds: insertSeconds.toFixed(2), 'CDRs/s': insertedPerSecond, 'ratio vs INSERT': '1.00', 'p50 ms': '', 'p99 ms': '' },
      { work: `POST receiver/cdrs (${loaded.length} posted)`, CDRs: accepted, seconds: receive.seconds.toFixed(2), 'CDRs/s': receivedPerSecond, 'ratio vs INSERT': ratio(receivedPerSecond, insertedPerSecond), 'p50 ms': receive.p50Ms, 'p99 ms': receive.p99Ms },
    ]);
    process.stdout.write(`accepted ${accepted} of ${loaded.length} posted (HTTP ${JSON.stringify(receive.statusCodes)}), rejected ${rejected}, transport errors ${receive.errors}; the first ${CHECKED} answered 201 / 1000\n`);
  } finally {
    await emsp.close();
  }
}

/**
 * Distinct CDRs as our CPO role issues them (cdrFromSession): one hour, charging 30 minutes then
 * parked; the energy takes one of 20 values, the token one of the eMSP's, the id is the index.
 */
function buildCdrs(count: number): CDR[] {
  const start = Date.UTC(2025, 2, 4, 9, 0);
  const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
  const variants = Array.from({ length: 20 }, (_, v) => {
    const kwh = 4 + v * 0.5;
    const timeline = [{ at: at(0), energyKwh: 0, state: 'CHARGING' as const }, { at: at(30), energyKwh: kwh, state: 'PARKED' as const }, { at: at(60), energyKwh: kwh, state: 'PARKED' as const }];
    const session = { country_code: 'NL', party_id: 'CPO', id: 'TEMPLATE', start_date_time: at(0), end_date_time: at(60), kwh, cdr_token: tokenOf(0), auth_method: 'WHITELIST', location_id: 'LOC-1', evse_uid: 'EVSE-1', connector_id: '1', currency: 'EUR', status: 'COMPLETED', last_updated: at(60) } as Session;
    return cdrFromSession(session, CHARGE_POINT, priceTimeline({ tariff: TARIFF, timeZone: CHARGE_POINT.time_zone, timeline }), new Date(at(61)));
  });
  return Array.from({ length: count }, (_, i) => {
    const id = `BENCH-${String(i).padStart(8, '0')}`;
    return { ...variants[i % variants.length]!, id, session_id: id, cdr_token: tokenOf(i % TOKENS) };
  });
}

/** The rows the receiver's repository writes for accepted CDRs (same columns, same conflict rule), many per statement. */
async function insertRaw(sql: pg.Client, rows: ReadonlyArray<readonly unknown[]>): Promise<void> {
  const tuples = rows.map((row, r) => `(${row.map((_, c) => `$${r * row.length + c + 1}`).join(', ')})`);
  await sql.query(
    `insert into emsp_cdr (local_country_code, local_party_id, country_code, party_id, cdr_key, peer_id, credit, credits_seq, last_updated, data)
     values ${tuples.join(', ')} on conflict on constraint emsp_cdr_key do nothing`,
    rows.flat(),
  );
}
