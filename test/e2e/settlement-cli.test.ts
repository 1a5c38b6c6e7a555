import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDR } from '../../src/ocpi/types/cdrs.js';
import type { EvroamProcess } from '../support/evroam-process.js';
import { connect, CPO_PARTY, databaseFor, EMSP_PARTY, eventually, importRoamingFixtures, startEvroam } from '../support/roaming-pair.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

const postgres = backends.find((b) => b.name === 'postgres')!;
const DRIVER = { country_code: 'DE', party_id: 'MSP', uid: '04A23B5C6D7E80', type: 'RFID', contract_id: 'DE-MSP-C00000001-W' };
const MONTH = DateTime.utc().minus({ months: 1 }).startOf('month');
const PERIOD = MONTH.toFormat('yyyy-MM');

interface Statement {
  id: string;
  status: string;
  lines: Array<{ cdr_id: string; credit: boolean }>;
  totals: { gross: string; credits: string; net: string };
}

/**
 * The settlement commands an operator runs, against two real evroam processes: statements built,
 * exported, compared with the partner's and settled; disputes opened and accepted; revenue; and
 * the Prometheus metrics at the service root, behind the admin token or open by configuration.
 */
describe('evroam statement, dispute and revenue against a CPO process and an eMSP process', () => {
  let cpo: EvroamProcess;
  let emsp: EvroamProcess;
  const cdrs: CDR[] = [];
  let ours: Statement;
  let theirs: Statement;

  const run = async (process: EvroamProcess, args: string[]) => {
    const result = await process.cli(args);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout;
  };
  const json = async <T>(process: EvroamProcess, args: string[]) => JSON.parse(await run(process, [...args, '--json'])) as T;
  const received = async () => (await emsp.api<unknown[]>('GET', '/parties/DE-MSP/received/cdrs?limit=1000')).body.length;

  beforeAll(async () => {
    [cpo, emsp] = await Promise.all([
      startEvroam({ database: databaseFor(postgres), parties: [CPO_PARTY], extra: { syncIntervalMinutes: 0 } }),
      startEvroam({ database: databaseFor(postgres), parties: [EMSP_PARTY], extra: { syncIntervalMinutes: 0, metricsAuth: 'none' } }),
    ]);
    await importRoamingFixtures(cpo);
    await connect(cpo, CPO_PARTY, emsp, EMSP_PARTY);
    await emsp.api('POST', '/parties/DE-MSP/tokens', { uid: DRIVER.uid, type: 'RFID', contract_id: DRIVER.contract_id });
    await eventually(async () => ((await emsp.api<unknown[]>('GET', '/outbox/backlog')).body.length === 0 ? true : undefined), 15_000, 'the token at the CPO');
    await cpo.api('PUT', '/settlement/agreements/NL-CPO/DE-MSP', { cutoff_days: 40 });
    await emsp.api('PUT', '/settlement/agreements/DE-MSP/NL-CPO', { cutoff_days: 40 });
    for (const day of [2, 3, 4]) {
      const start = MONTH.plus({ days: day - 1, hours: 9 });
      const started = await cpo.api<{ id: string }>('POST', '/parties/NL-CPO/sessions', { cdr_token: DRIVER, auth_method: 'WHITELIST', start_date_time: start.toISO(), meter_start_kwh: 100, location_id: 'LOC-HARBOUR', evse_uid: 'EVSE-H1', connector_id: '1' });
      cdrs.push((await cpo.api<{ cdr: CDR }>('POST', `/parties/NL-CPO/sessions/${started.body.id}/stop`, { at: start.plus({ hours: 1 }).toISO(), meter_kwh: 110 })).body.cdr);
    }
    await eventually(async () => ((await received()) === 3 ? true : undefined), 20_000, 'three CDRs at the eMSP');
  });

  afterAll(async () => {
    await Promise.all([cpo?.stop(), emsp?.stop()]);
    await dropTestSchemas();
  });

  it('builds the statement of the month on both sides, lists and shows it as a table', async () => {
    const created = await run(cpo, ['statement', 'create', '--party', 'NL-CPO', '--counterpart', 'DE-MSP', '--period', PERIOD]);
    expect(created).toMatch(new RegExp(`^Statement \\d+: NL-CPO with DE-MSP \\(CPO\\), period ${PERIOD}, DRAFT, priced at the CPO's tariffs`));
    for (const cdr of cdrs) expect(created).toMatch(new RegExp(`^${cdr.id}\\s+${cdr.session_id}\\s+\\S+\\s+10\\s+4\\.00\\s+4\\.84`, 'm'));
    expect(created).toMatch(/^gross\s+12\.00$/m);

    const id = /^Statement (\d+)/.exec(created)![1]!;
    ours = await json<Statement>(cpo, ['statement', 'show', '--id', id]);
    expect(ours.totals).toMatchObject({ gross: '12', net: '12' });
    theirs = (await emsp.api<Statement>('POST', '/settlement/statements', { party: 'DE-MSP', counterpart: 'NL-CPO', period: PERIOD })).body;
    expect(ours.lines.map((l) => l.cdr_id)).toEqual(cdrs.map((c) => c.id));
    expect(theirs.lines.map((l) => l.cdr_id)).toEqual(cdrs.map((c) => c.id));

    const list = (await run(cpo, ['statement', 'list', '--party', 'NL-CPO'])).split('\n');
    expect(list[0]).toMatch(/^ID\s+PARTY\s+COUNTERPART\s+ROLE\s+PERIOD\s+STATUS\s+LINES\s+GROSS\s+NET\s+CURRENCY$/);
    expect(list[1]).toMatch(new RegExp(`^${ours.id}\\s+NL-CPO\\s+DE-MSP\\s+CPO\\s+${PERIOD}\\s+DRAFT\\s+3\\s+12\\.00\\s+12\\.00\\s+EUR$`));
  });

  it("exports our CSV and imports it as the partner's statement at the other side, listing every difference", async () => {
    const file = join(cpo.directory, 'ours.csv');
    expect(await run(cpo, ['statement', 'export', '--id', ours.id, '--out', file])).toBe(`Wrote statement ${ours.id} to ${file} (CSV).\n`);
    const csv = await readFile(file, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^statement_id,party,counterpart,period,cdr_id,/);
    expect(await run(emsp, ['statement', 'import', '--id', theirs.id, file])).toBe('Ours 3 lines, theirs 3; 3 match. The statements agree.\n');

    const altered = join(emsp.directory, 'altered.csv');
    await writeFile(altered, ['cdr_id,total_excl_vat', `${cdrs[0]!.id},4.50`, `${cdrs[1]!.id},4.00`, 'FOREIGN-1,2.00'].join('\n'));
    const differences = await run(emsp, ['statement', 'import', '--id', theirs.id, altered]);
    expect(differences).toContain('Ours 3 lines, theirs 3; 1 match. 3 differences:');
    expect(differences).toMatch(new RegExp(`^${cdrs[0]!.id}\\s+total_excl_vat\\s+2\\s+4\\s+4\\.5$`, 'm'));
    expect(differences).toMatch(new RegExp(`^${cdrs[2]!.id}\\s+only_ours\\s+-\\s+4\\s+-$`, 'm'));
    expect(differences).toMatch(/^FOREIGN-1\s+only_theirs\s+4\s+-\s+2$/m);

    await writeFile(altered, `cdr_id,total_excl_vat\n${cdrs[0]!.id},"4,00"\n`);
    const malformed = await emsp.cli(['statement', 'import', '--id', theirs.id, altered]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/line 2, column 2 \(total_excl_vat\): "4,00" is not a decimal number/);
  });

  it('opens disputes on both sides, accepts them, and the CPO credit lands on both statements', async () => {
    const disputed = cdrs[1]!;
    const opened = await run(emsp, ['dispute', 'open', '--party', 'DE-MSP', '--counterpart', 'NL-CPO', '--cdr', disputed.id, '--reason', 'charged twice', '--note', 'driver called']);
    expect(opened).toMatch(/^Dispute (\d+): DE-MSP with NL-CPO \(EMSP\), OPEN, 0 days old$/m);
    expect(opened).toContain(`about CDR ${disputed.id}, session ${disputed.session_id}; claimed 4.00 EUR; reason: charged twice`);
    const atEmsp = /^Dispute (\d+)/.exec(opened)![1]!;
    const list = await run(emsp, ['dispute', 'list', '--status', 'OPEN']);
    expect(list).toMatch(new RegExp(`^${atEmsp}\\s+DE-MSP\\s+NL-CPO\\s+EMSP\\s+${disputed.id}\\s+OPEN\\s+4\\.00 EUR\\s+0 d\\s+charged twice$`, 'm'));

    const atCpo = (await cpo.api<{ id: string }>('POST', '/settlement/disputes', { party: 'NL-CPO', counterpart: 'DE-MSP', cdr_id: disputed.id, reason: 'eMSP dispute' })).body;
    const before = await received();
    const accepted = await run(cpo, ['dispute', 'accept', '--id', atCpo.id, '--note', 'agreed']);
    expect(accepted).toContain(`credited by CDR ${disputed.id}-C`);
    expect(accepted).toMatch(/\s+ACCEPTED\s+OPEN\s+ACCEPTED\s+agreed$/m);
    await eventually(async () => ((await received()) === before + 1 ? true : undefined), 20_000, 'the credit CDR at the eMSP');
    expect(await run(emsp, ['dispute', 'accept', '--id', atEmsp])).toMatch(/ACCEPTED, 0 days old[\s\S]+OPENED\s+-\s+OPEN\s+driver called\n.+ACCEPTED\s+OPEN\s+ACCEPTED\s*\n$/);

    const again = await cpo.cli(['dispute', 'reject', '--id', atCpo.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/HTTP 409/);
    const badAmount = await cpo.cli(['dispute', 'open', '--party', 'NL-CPO', '--counterpart', 'DE-MSP', '--cdr', disputed.id, '--reason', 'x', '--amount', '4,00']);
    expect(badAmount.code).toBe(2);
    expect(badAmount.stderr).toContain('--amount 4,00: a number');

    for (const [process, party, counterpart] of [[cpo, 'NL-CPO', 'DE-MSP'], [emsp, 'DE-MSP', 'NL-CPO']] as const) {
      const rebuilt = (await process.api<Statement>('POST', '/settlement/statements', { party, counterpart, period: PERIOD })).body;
      expect(rebuilt.lines.map((l) => [l.cdr_id, l.credit])).toContainEqual([`${disputed.id}-C`, true]);
      expect(rebuilt.totals).toMatchObject({ gross: '12', credits: '-4', net: '8' });
    }
  });

  it('issues and settles the statement; the settlement cycle shows in the KPIs', async () => {
    expect((await cpo.api<Statement>('POST', `/settlement/statements/${ours.id}/issue`)).body.status).toBe('ISSUED');
    expect(await run(cpo, ['statement', 'settle', '--id', ours.id])).toMatch(/, SETTLED, priced at/);
    const twice = await cpo.cli(['statement', 'settle', '--id', ours.id]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain(`Statement ${ours.id} is SETTLED, not ISSUED`);

    // Three sessions on the settled statement; the credit is no session.
    expect(await run(cpo, ['kpi', '--since', MONTH.toISODate()!])).toMatch(/settlement cycle time\s+\S+ d avg\s+3 sessions settled; p50/);
  });

  it('reports revenue by partner, location and period for each hosted party, as a table and as JSON', async () => {
    const table = await run(cpo, ['revenue']);
    expect(table).toContain('Revenue of NL-CPO as CPO, statements of the periods from');
    expect(table).toMatch(/^EUR\s+SESSIONS\s+GROSS\s+CREDITS\s+WRITTEN OFF\s+FEES\s+NET$/m);
    expect(table).toMatch(/^all\s+3\s+12\.00\s+-4\.00\s+0\.00\s+0\.00\s+8\.00$/m);
    expect(table).toMatch(/^partner DE-MSP\s+3\s+12\.00/m);
    expect(table).toMatch(/^location LOC-HARBOUR\s+3\s+12\.00/m);
    expect(table).toMatch(new RegExp(`^period ${PERIOD}\\s+3\\s+12\\.00`, 'm'));

    const [report] = await json<Array<{ party: string; role: string; currencies: Record<string, { totals: Record<string, unknown> }> }>>(emsp, ['revenue', '--party', 'DE-MSP', '--from', MONTH.toISODate()!, '--to', MONTH.plus({ months: 1 }).toISODate()!]);
    expect(report).toMatchObject({ party: 'DE-MSP', role: 'EMSP' });
    expect(report!.currencies.EUR!.totals).toMatchObject({ sessions: 3, roaming_cost: '8', fees: '0' });

    const bad = await cpo.cli(['revenue', '--from', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Invalid field from');
  });

  it('serves Prometheus metrics at the root: behind the admin token by default, open where the config says so', async () => {
    expect((await fetch(`${cpo.url}/metrics`)).status).toBe(401);
    const scraped = await fetch(`${cpo.url}/metrics`, { headers: { authorization: `Bearer ${cpo.adminToken}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('evroam_kpi_observations{kpi="settlement_cycle_time"} 3');
    const open = await fetch(`${emsp.url}/metrics`);
    expect(open.status).toBe(200);
    expect(await open.text()).toContain('# TYPE evroam_kpi_ratio gauge');
    // The admin API keeps its token, whatever metricsAuth says.
    expect((await fetch(`${emsp.url}/api/metrics`)).status).toBe(401);
  });
});
