import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import type { StatementService } from '../src/settlement/statements/statement-service.js';
import { seedCdrs } from './settlement-seed.js';
import { printTable, ratio, startBenchService } from './support.js';

const CPO = { countryCode: 'NL', partyId: 'CPO', roles: ['CPO' as const], name: 'Bench CPO' };
const PER_MONTH = 100_000;

/**
 * Issue 6: the statement of one partner and month with 100,000 CDRs (built: selected by the
 * cut-off rule, stored line by line, totalled), among the 400,000 CDRs of four months; against a
 * plain SELECT of those 100,000 CDRs in the same run.
 */
export async function run(): Promise<void> {
  const cpo = await startBenchService([CPO]);
  try {
    // The statement's month is two months back; CDRs of the months around it fill the table too.
    const month = DateTime.utc().minus({ months: 2 }).startOf('month');
    const seedStart = performance.now();
    for (let m = -2; m <= 1; m++) {
      const start = month.plus({ months: m });
      const minutes = Math.floor(start.plus({ months: 1 }).diff(start, 'minutes').minutes / PER_MONTH * 1000) / 1000;
      const first = (m + 2) * PER_MONTH + 1;
      // One CDR every few minutes across the month, each recorded ten minutes after its session ended.
      await seedCdrs(cpo.sql, { first, last: first + PER_MONTH - 1, ended: `'${start.toISO()}'::timestamptz + ((i - ${first}) * interval '${minutes} minutes') + interval '1 second'`, recorded: `e + interval '10 minutes'` });
    }
    await cpo.sql.query('analyze');
    const seedSeconds = (performance.now() - seedStart) / 1000;

    const selectStart = performance.now();
    const { rows } = await cpo.sql.query(
      `select data, created_at from cpo_cdr where country_code = 'NL' and party_id = 'CPO' and emsp_country_code = 'DE' and emsp_party_id = 'MSP'
          and (data->>'end_date_time')::timestamptz >= $1 and (data->>'end_date_time')::timestamptz < $2`,
      [month.toJSDate(), month.plus({ months: 1 }).toJSDate()],
    );
    const selectSeconds = (performance.now() - selectStart) / 1000;

    const statements = (cpo.service.modules.find((m) => m.name === 'settlement') as unknown as { statements: StatementService }).statements;
    const pair = { party: { countryCode: 'NL', partyId: 'CPO' }, counterpart: { countryCode: 'DE', partyId: 'MSP' }, role: 'CPO' as const };
    const buildStart = performance.now();
    const built = await statements.build(pair, month.toFormat('yyyy-MM'));
    const buildSeconds = (performance.now() - buildStart) / 1000;

    const csvStart = performance.now();
    const csv = await statements.csv(built.statement.id);
    const csvSeconds = (performance.now() - csvStart) / 1000;

    printTable(`Statement of ${month.toFormat('yyyy-MM')} for one partner, PostgreSQL (${(4 * PER_MONTH).toLocaleString('en')} CDRs over four months, seeded in ${seedSeconds.toFixed(1)} s)`, [
      { work: `plain SELECT of the month's CDRs`, CDRs: rows.length, seconds: selectSeconds.toFixed(2), 'ratio vs SELECT': '1.00' },
      { work: 'statement built (draft with lines and totals)', CDRs: built.statement.lines!.length, seconds: buildSeconds.toFixed(2), 'ratio vs SELECT': ratio(buildSeconds, selectSeconds) },
      { work: 'CSV export of the statement', CDRs: csv.split('\r\n').length - 2, seconds: csvSeconds.toFixed(2), 'ratio vs SELECT': ratio(csvSeconds, selectSeconds) },
    ]);
    process.stdout.write(`gross ${built.statement.totals.gross} EUR over ${built.statement.totals.sessions} sessions\n`);
  } finally {
    await cpo.close();
  }
}
