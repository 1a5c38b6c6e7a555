import type pg from 'pg';
import { bareFastify, countRows, loadRotating, printTable, ratio, registerPartnerDirectly, startBenchService } from './support.js';

const EMSP = { countryCode: 'DE', partyId: 'MSP', roles: ['EMSP' as const], name: 'Bench eMSP' };
const CPO = { countryCode: 'NL', partyId: 'CPO', role: 'CPO' };
const TOKENS = 1_000_000;
/** Distinct uids the load rotates through, one from each block of TOKENS / UIDS rows. */
const UIDS = 1_000;
const SECONDS = 10;
const CONNECTIONS = 20;

/** Token i's RFID uid (7 bytes, as the module stores it: upper-case hex without separators); the seed SQL computes the same. */
const uidOf = (i: number) => `04${i.toString(16).toUpperCase().padStart(12, '0')}`;

/**
 * The eMSP's real-time authorization (`POST sender/tokens/{uid}/authorize?type=RFID`, no
 * LocationReferences) with a million tokens stored, against a bare Fastify route driven by the same
 * load generator in the same run. Every request names the next of 1,000 existing uids spread over
 * the whole table, in shuffled order, so the index is read all over rather than one hot page.
 */
export async function run(): Promise<void> {
  const emsp = await startBenchService([EMSP]);
  const bare = await bareFastify();
  try {
    // Token 0 is issued through the admin API: the seeded rows are checked against the row the module wrote.
    await emsp.api('POST', '/parties/DE-MSP/tokens', { uid: uidOf(0), type: 'RFID', contract_id: 'DE-MSP-C00000000' });
    const { authorization } = await registerPartnerDirectly(emsp.service, EMSP, CPO, 'bench-cpo-token');
    const seedStart = performance.now();
    await emsp.sql.query(
      `insert into emsp_token (country_code, party_id, uid, type, contract_id, visual_number, issuer, group_id, valid, whitelist, language, default_profile_type, energy_contract, last_updated, block_reason, block_note, charge_at)
       select 'DE', 'MSP', '04' || lpad(upper(to_hex(i)), 12, '0'), 'RFID', 'DE-MSP-C' || lpad(i::text, 8, '0'), null, $1, null, true, 'ALLOWED', null, null, null, $2, null, null, null
         from generate_series(1, $3::int) as i`,
      [EMSP.name, new Date(), TOKENS - 1],
    );
    await emsp.sql.query('analyze emsp_token');
    const seedSeconds = (performance.now() - seedStart) / 1000;
    await checkSeedShape(emsp.sql);

    const uids = shuffle(Array.from({ length: UIDS }, (_, k) => uidOf(k * (TOKENS / UIDS) + Math.floor(Math.random() * (TOKENS / UIDS)))));
    const paths = uids.map((uid) => `/ocpi/2.2.1/sender/tokens/${uid}/authorize?type=RFID`);
    // One pass over every uid: warms the caches and shows each answers ALLOWED.
    for (const path of paths) {
      const response = await fetch(`${emsp.url}${path}`, { method: 'POST', headers: { authorization } });
      const body = (await response.json()) as { status_code: number; data?: { allowed?: string } };
      if (response.status !== 200 || body.status_code !== 1000 || body.data?.allowed !== 'ALLOWED') throw new Error(`${path} answered ${response.status} ${JSON.stringify(body)}`);
    }

    const baseline = await loadRotating('bare Fastify route (GET /?uid=…)', { origin: bare.url, method: 'GET', headers: {}, paths: uids.map((uid) => `/?uid=${uid}`), connections: CONNECTIONS, seconds: SECONDS });
    const decisionsBefore = await countRows(emsp.sql, 'emsp_authorization');
    const authorize = await loadRotating(`POST sender/tokens/{uid}/authorize (${UIDS} uids)`, { origin: emsp.url, method: 'POST', headers: { authorization }, paths, connections: CONNECTIONS, seconds: SECONDS });
    const decisions = (await countRows(emsp.sql, 'emsp_authorization')) - decisionsBefore;

    printTable(
      `Real-time authorization, ${TOKENS.toLocaleString('en')} tokens on PostgreSQL (${CONNECTIONS} connections, ${SECONDS} s each)`,
      [baseline, authorize].map((r) => ({ endpoint: r.name, 'req/s': r.requestsPerSecond, 'ratio vs bare': ratio(r.requestsPerSecond, baseline.requestsPerSecond), 'p50 ms': r.p50Ms, 'p99 ms': r.p99Ms, errors: r.errors })),
    );
    const size = await emsp.sql.query<{ rows: string; heap: string; indexes: string; total: string }>(
      `select (select count(*) from emsp_token)::text as rows, pg_size_pretty(pg_table_size('emsp_token')) as heap,
              pg_size_pretty(pg_indexes_size('emsp_token')) as indexes, pg_size_pretty(pg_total_relation_size('emsp_token')) as total`,
    );
    printTable('emsp_token table', [{ ...size.rows[0]!, 'seeded in s': seedSeconds.toFixed(1), 'decisions recorded during the run': decisions }]);
  } finally {
    await bare.close();
    await emsp.close();
  }
}

/** The seeded token 1 must look like token 0, which the module stored, in every column but uid, contract and times. */
async function checkSeedShape(sql: pg.Client): Promise<void> {
  const { rows } = await sql.query(`select * from emsp_token where uid in ($1, $2) order by uid`, [uidOf(0), uidOf(1)]);
  const strip = (row: Record<string, unknown>) => {
    const { seq: _seq, uid: _uid, contract_id: _contract, last_updated: _updated, created_at: _created, ...rest } = row;
    return JSON.stringify(rest);
  };
  if (rows.length !== 2 || strip(rows[0]) !== strip(rows[1])) throw new Error(`seeded tokens differ from what the module stores: ${JSON.stringify(rows)}`);
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
