import { DateTime } from 'luxon';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDR } from '../../src/ocpi/types/cdrs.js';
import type { EvroamProcess } from '../support/evroam-process.js';
import { connect, CPO_PARTY, databaseFor, EMSP_PARTY, eventually, importRoamingFixtures, startEvroam } from '../support/roaming-pair.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

const postgres = backends.find((b) => b.name === 'postgres')!;
const DRIVER = { country_code: 'DE', party_id: 'MSP', uid: '04A23B5C6D7E80', type: 'RFID', contract_id: 'DE-MSP-C00000001-W' };
/** Last month: its statements can still be built and issued now (cut-off 40 days after its end). */
const MONTH = DateTime.utc().minus({ months: 1 }).startOf('month');
const PERIOD = MONTH.toFormat('yyyy-MM');
const NEXT_PERIOD = MONTH.plus({ months: 1 }).toFormat('yyyy-MM');
const SINCE = MONTH.toISODate()!;

interface Finding {
  id: string;
  type: string;
  role: string;
  counterpart: string;
  session_id: string | null;
  cdr_id: string | null;
  amount_at_risk: number;
  currency: string;
  evidence: Record<string, unknown>;
}
interface Rate {
  value: number | null;
  succeeded: number;
  total: number;
}
interface Kpis {
  authorization_success_rate: Rate & { by_method: Record<string, Rate> };
  cdr_acceptance_rate: Rate;
  session_success_rate: Rate;
  time_from_session_end_to_cdr: { count: number };
  by_partner: Record<string, { session_success_rate: Rate; cdr_acceptance_rate: Rate }>;
}
interface Statement {
  id: string;
  status: string;
  lines: Array<{ cdr_id: string; credit: boolean; late: boolean; total_excl_vat: number }>;
  totals: { gross: string; credits: string; disputed: string };
}

/** A PostgreSQL connection on a process's schema: for what a buggy partner or a lost backup does to the data. */
async function onDatabase<T extends pg.QueryResultRow>(databaseUrl: string, statement: string, values: unknown[] = []): Promise<T[]> {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get('schema')!;
  url.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: url.toString(), options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return (await client.query<T>(statement, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * A month of roaming between two real evroam processes, settled: sessions at the CPO, two CDRs
 * the eMSP loses (a restore from an old backup), one the CPO sends twice, one it misprices, one
 * that comes after the month was closed. Reconciliation finds each once; disputes end in credit
 * CDRs; both sides' statements of the month agree line by line; the KPIs match the counts.
 */
describe('a month of roaming between a CPO process and an eMSP process, reconciled and settled', () => {
  let cpo: EvroamProcess;
  let emsp: EvroamProcess;
  const cpoDatabase = databaseFor(postgres);
  const emspDatabase = databaseFor(postgres);
  const issued: CDR[] = [];
  let duplicate: CDR;
  let mispriced: CDR;
  let lateSession: string;

  const startSession = async (day: number) => {
    const start = MONTH.plus({ days: day - 1, hours: 9 }).toISO()!;
    const started = await cpo.api<{ id: string }>('POST', '/parties/NL-CPO/sessions', { cdr_token: DRIVER, auth_method: 'WHITELIST', start_date_time: start, meter_start_kwh: 100, location_id: 'LOC-HARBOUR', evse_uid: 'EVSE-H1', connector_id: '1' });
    if (started.status !== 201) throw new Error(JSON.stringify(started.body));
    return { id: started.body.id, end: MONTH.plus({ days: day - 1, hours: 10 }).toISO()! };
  };
  const received = async () => (await emsp.api<Array<{ cdr: CDR }>>('GET', '/parties/DE-MSP/received/cdrs?limit=1000')).body.map((r) => r.cdr);
  const receivedCount = (n: number, what: string) => eventually(async () => ((await received()).length === n ? true : undefined), 20_000, what);
  /** What the CPO's billing would do if it issued a CDR: stored, and its POST queued for the delivery worker. */
  const issueByHand = async (cdr: CDR) => {
    const [peer] = await onDatabase<{ id: string }>(cpoDatabase, `select id from peer where status = 'REGISTERED'`);
    await onDatabase(cpoDatabase, `insert into cpo_cdr (country_code, party_id, cdr_key, emsp_country_code, emsp_party_id, credit, last_updated, data) values ('NL', 'CPO', upper($1), 'DE', 'MSP', false, now(), $2)`, [cdr.id, JSON.stringify(cdr)]);
    await onDatabase(cpoDatabase, `insert into outbox (peer_id, kind, module, interface_role, method, path, body, from_country_code, from_party_id, to_country_code, to_party_id, reference, ordering_key) values ($1, 'cdr.post', 'cdrs', 'RECEIVER', 'POST', '[]', $2, 'NL', 'CPO', 'DE', 'MSP', $3, $4)`, [peer!.id, JSON.stringify(cdr), cdr.id, `DE-MSP CDRS/NL/CPO/${cdr.id.toUpperCase()}`]);
  };
  const json = async <T>(process: EvroamProcess, args: string[]): Promise<T> => {
    const result = await process.cli(args);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as T;
  };
  const build = async (process: EvroamProcess, party: string, counterpart: string, period: string) => (await process.api<Statement>('POST', '/settlement/statements', { party, counterpart, period })).body;
  const csvOf = async (process: EvroamProcess, id: string) => (await fetch(`${process.url}/api/settlement/statements/${id}/csv`, { headers: { authorization: `Bearer ${process.adminToken}` } })).text();
  const compare = async (process: EvroamProcess, id: string, csv: string) =>
    (await (await fetch(`${process.url}/api/settlement/statements/${id}/partner-statement`, { method: 'POST', headers: { authorization: `Bearer ${process.adminToken}`, 'content-type': 'text/csv' }, body: csv })).json()) as { agreed: boolean; matched: number; differences: unknown[] };

  beforeAll(async () => {
    const extra = { syncIntervalMinutes: 0 };
    [cpo, emsp] = await Promise.all([startEvroam({ database: cpoDatabase, parties: [CPO_PARTY], extra }), startEvroam({ database: emspDatabase, parties: [EMSP_PARTY], extra })]);
    await importRoamingFixtures(cpo);
    await connect(cpo, CPO_PARTY, emsp, EMSP_PARTY);
    await emsp.api('POST', '/parties/DE-MSP/tokens', { uid: DRIVER.uid, type: 'RFID', contract_id: DRIVER.contract_id });
    await eventually(async () => ((await emsp.api<unknown[]>('GET', '/outbox/backlog')).body.length === 0 ? true : undefined), 15_000, 'the token at the CPO');
    await cpo.api('PUT', '/settlement/agreements/NL-CPO/DE-MSP', { cutoff_days: 40 });
    await emsp.api('PUT', '/settlement/agreements/DE-MSP/NL-CPO', { cutoff_days: 40, invoicing: 'SELF_BILLING' });

    // One real-time authorization allowed, one unknown card refused.
    await cpo.api('POST', '/parties/NL-CPO/authorize', { uid: DRIVER.uid, type: 'RFID', location_id: 'LOC-HARBOUR' });
    await cpo.api('POST', '/parties/NL-CPO/authorize', { uid: '0F0E0D0C', type: 'RFID', location_id: 'LOC-HARBOUR' });

    // Six sessions of 10 kWh (4.00 EUR each), one still running when its CDR comes mispriced, one stopped after the month closes.
    for (let day = 2; day <= 7; day++) {
      const session = await startSession(day);
      issued.push((await cpo.api<{ cdr: CDR }>('POST', `/parties/NL-CPO/sessions/${session.id}/stop`, { at: session.end, meter_kwh: 110 })).body.cdr);
    }
    const running = await startSession(8);
    lateSession = (await startSession(9)).id;
    await receivedCount(6, 'six CDRs at the eMSP');

    duplicate = { ...issued[2]!, id: `${issued[2]!.id.slice(0, 30)}-DUP` };
    mispriced = { ...issued[5]!, id: running.id, session_id: running.id, total_energy_cost: { excl_vat: 4.5, incl_vat: 5.445 }, total_cost: { excl_vat: 5, incl_vat: 6.05 } };
    await issueByHand(duplicate);
    await issueByHand(mispriced);
    await receivedCount(8, 'the duplicate and the mispriced CDR at the eMSP');
  });

  afterAll(async () => {
    await Promise.all([cpo?.stop(), emsp?.stop()]);
    await dropTestSchemas();
  });

  it('finds the duplicate and the mispriced CDR once with their amounts, after pulling back the two CDRs the eMSP lost', async () => {
    await onDatabase(emspDatabase, `delete from emsp_cdr where cdr_key in (upper($1), upper($2))`, [issued[0]!.id, issued[1]!.id]);

    const findings = await json<Finding[]>(emsp, ['reconcile', '--since', SINCE, '--json']);
    expect(findings.map((f) => [f.type, f.cdr_id, f.amount_at_risk]).sort()).toEqual([
      ['duplicate_cdr', duplicate.id, 4],
      ['price_mismatch', mispriced.id, 1],
    ]);
    expect(findings.find((f) => f.type === 'duplicate_cdr')!.evidence).toMatchObject({ original_cdr_id: issued[2]!.id });
    expect((await received()).map((c) => c.id)).toEqual(expect.arrayContaining([issued[0]!.id, issued[1]!.id]));
    expect(await json<Finding[]>(emsp, ['reconcile', '--since', SINCE, '--json'])).toHaveLength(2);
    expect(await json<Finding[]>(cpo, ['reconcile', '--since', SINCE, '--json'])).toEqual([]);

    const table = await emsp.cli(['reconcile', '--since', SINCE]);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toMatch(/^TYPE\s+ROLE\s+PARTY\s+COUNTERPART\s+SESSION\s+CDR\s+AMOUNT AT RISK$/);
    expect(lines.find((l) => l.startsWith('duplicate_cdr'))).toMatch(new RegExp(`^duplicate_cdr\\s+EMSP\\s+DE-MSP\\s+NL-CPO\\s+${issued[2]!.id}\\s+${duplicate.id}\\s+4\\.00 EUR$`));
    expect(table.stdout).toContain('2 open findings; at risk: 5.00 EUR.');
  });

  it('settles both disputes by credit CDRs, after which both sides agree line by line on the month', async () => {
    for (const cdr of [duplicate, mispriced]) {
      const atEmsp = await emsp.api<{ id: string }>('POST', '/settlement/disputes', { party: 'DE-MSP', counterpart: 'NL-CPO', cdr_id: cdr.id, reason: cdr === duplicate ? 'sent twice' : 'energy priced above the tariff' });
      expect(atEmsp.status).toBe(201);
      const atCpo = (await cpo.api<{ id: string }>('POST', '/settlement/disputes', { party: 'NL-CPO', counterpart: 'DE-MSP', cdr_id: cdr.id, reason: 'eMSP dispute' })).body;
      const before = (await received()).length;
      expect((await cpo.api<{ credit_cdr_id: string }>('POST', `/settlement/disputes/${atCpo.id}/accept`, { note: 'agreed' })).body.credit_cdr_id).toBe(`${cdr.id}-C`);
      await receivedCount(before + 1, `the credit of ${cdr.id}`);
      expect((await emsp.api('POST', `/settlement/disputes/${atEmsp.body.id}/accept`, { note: 'credit received' })).status).toBe(200);
    }
    expect(await json<Finding[]>(emsp, ['reconcile', '--since', SINCE, '--json'])).toEqual([]);

    const ours = await build(cpo, 'NL-CPO', 'DE-MSP', PERIOD);
    const theirs = await build(emsp, 'DE-MSP', 'NL-CPO', PERIOD);
    const expected = [...issued.map((c) => c.id), duplicate.id, `${duplicate.id}-C`, mispriced.id, `${mispriced.id}-C`].sort();
    expect(ours.lines.map((l) => l.cdr_id).sort()).toEqual(expected);
    expect(theirs.lines.map((l) => l.cdr_id).sort()).toEqual(expected);
    for (const statement of [ours, theirs]) expect(statement.totals).toMatchObject({ gross: '33', credits: '-9', disputed: '0' });
    expect(await compare(emsp, theirs.id, await csvOf(cpo, ours.id))).toMatchObject({ agreed: true, matched: 10, differences: [] });
    expect(await compare(cpo, ours.id, await csvOf(emsp, theirs.id))).toMatchObject({ agreed: true, matched: 10 });
    for (const [process, id] of [[cpo, ours.id], [emsp, theirs.id]] as const) expect((await process.api<Statement>('POST', `/settlement/statements/${id}/issue`)).body.status).toBe('ISSUED');
  });

  it('bills a CDR that comes after the month closed on the next statement of both sides, and the eMSP reports it late', async () => {
    const before = (await received()).length;
    const stopped = await cpo.api<{ cdr: CDR }>('POST', `/parties/NL-CPO/sessions/${lateSession}/stop`, { at: MONTH.plus({ days: 8, hours: 10 }).toISO(), meter_kwh: 110 });
    await receivedCount(before + 1, 'the late CDR');
    for (const [process, party, counterpart] of [[cpo, 'NL-CPO', 'DE-MSP'], [emsp, 'DE-MSP', 'NL-CPO']] as const) {
      expect((await build(process, party, counterpart, NEXT_PERIOD)).lines.map((l) => [l.cdr_id, l.late])).toEqual([[stopped.body.cdr.id, true]]);
    }
    const late = await json<Finding[]>(emsp, ['reconcile', '--since', SINCE, '--json']);
    expect(late).toEqual([expect.objectContaining({ type: 'late_cdr', cdr_id: stopped.body.cdr.id, amount_at_risk: 4 })]);
  });

  it('reports the KPIs of the month with the counts by hand, per partner', async () => {
    // Ended: six stopped in the month and the late one; the mispriced session still runs. CDRs: 9, all accepted.
    const atCpo = await json<Kpis>(cpo, ['kpi', '--since', SINCE, '--json']);
    expect(atCpo.session_success_rate).toEqual({ value: 1, succeeded: 7, total: 7 });
    expect(atCpo.cdr_acceptance_rate).toEqual({ value: 1, succeeded: 9, total: 9 });
    expect(atCpo.time_from_session_end_to_cdr.count).toBe(9);
    expect(atCpo.authorization_success_rate).toMatchObject({ value: 0.5, succeeded: 1, total: 2, by_method: { realtime: { succeeded: 1, total: 1 }, whitelist: { succeeded: 0, total: 1 } } });
    expect(atCpo.by_partner['DE-MSP']!.session_success_rate).toEqual({ value: 1, succeeded: 7, total: 7 });

    const atEmsp = await json<Kpis>(emsp, ['kpi', '--party', 'NL-CPO', '--since', SINCE, '--json']);
    expect(atEmsp.session_success_rate).toEqual({ value: 1, succeeded: 7, total: 7 });
    expect(atEmsp.cdr_acceptance_rate).toEqual({ value: 1, succeeded: 9, total: 9 });
    expect(atEmsp.authorization_success_rate.by_method.realtime).toEqual({ value: 1, succeeded: 1, total: 1 });

    const table = await cpo.cli(['kpi', '--since', SINCE]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/session success rate\s+100\.0 %\s+7 of 7/);
    expect(table.stdout).toMatch(/authorization success rate\s+50\.0 %\s+1 of 2/);
    expect(table.stdout).toContain('DE-MSP');
  });
});
