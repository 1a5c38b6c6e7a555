import { performance } from 'node:perf_hooks';
import type { RunReport } from '../src/settlement/reconciliation/reconciliation-service.js';
import { seedCdrs, seedDeliveredPosts, seedSessions } from './settlement-seed.js';
import { printTable, ratio, registerPartnerDirectly, startBenchService } from './support.js';

const CPO = { countryCode: 'NL', partyId: 'CPO', roles: ['CPO' as const], name: 'Bench CPO' };
const ROWS = 1_000_000;
/** Every thousandth session lost its CDR (the CDR names a session we never had); every thousandth CDR bills 1 kWh more than the meter. */
const EVERY = 1000;

/**
 * Issue 6: one reconciliation run over 1,000,000 CPO sessions and 1,000,000 CDRs (and their
 * 1,000,000 delivered POSTs) on PostgreSQL, all ended in the last 30 days; against a plain SQL
 * anti-join of the two tables (sessions without a CDR) in the same run.
 */
export async function run(): Promise<void> {
  const cpo = await startBenchService([CPO]);
  try {
    const { peerId } = await registerPartnerDirectly(cpo.service, CPO, { countryCode: 'DE', partyId: 'MSP', role: 'EMSP' }, 'bench-emsp-token');
    const lastEnd = new Date(Date.now() - 3_600_000);
    const seedStart = performance.now();
    await seedSessions(cpo.sql, ROWS, lastEnd);
    await seedCdrs(cpo.sql, { first: 1, last: ROWS, ended: `'${lastEnd.toISOString()}'::timestamptz - (i * interval '1 minute')`, recorded: `e + interval '5 minutes'`, orphanEvery: EVERY, mismatchEvery: EVERY });
    await seedDeliveredPosts(cpo.sql, peerId);
    await cpo.sql.query('analyze');
    const seedSeconds = (performance.now() - seedStart) / 1000;

    const joinStart = performance.now();
    const { rows } = await cpo.sql.query<{ n: string }>(
      `select count(*) as n from cpo_session s
        where s.status = 'COMPLETED'
          and not exists (select 1 from cpo_cdr c where c.country_code = s.country_code and c.party_id = s.party_id and c.credit = false and upper(c.data->>'session_id') = s.session_key)`,
    );
    const joinSeconds = (performance.now() - joinStart) / 1000;

    const runStart = performance.now();
    const report = await cpo.api<RunReport>('POST', '/reconciliation/runs', { since: '2020-01-01' });
    const runSeconds = (performance.now() - runStart) / 1000;

    printTable(`Reconciliation of ${ROWS.toLocaleString('en')} sessions and ${ROWS.toLocaleString('en')} CDRs, PostgreSQL (seeded in ${seedSeconds.toFixed(1)} s)`, [
      { work: 'plain SQL anti-join: sessions without a CDR', seconds: joinSeconds.toFixed(2), 'ratio vs anti-join': '1.00', found: Number(rows[0]!.n) },
      { work: 'reconciliation run (every check of both roles)', seconds: runSeconds.toFixed(2), 'ratio vs anti-join': ratio(runSeconds, joinSeconds), found: report.seen },
    ]);
    process.stdout.write(`the run checked ${report.checked.length} finding types and found ${report.added} findings (expected ${ROWS / EVERY} sessions without CDR and ${ROWS / EVERY} energy mismatches)\n`);
  } finally {
    await cpo.close();
  }
}
