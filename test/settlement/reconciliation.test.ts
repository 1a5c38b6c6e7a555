import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCdr } from '../../src/cpo/cdrs/credit-cdr.js';
import type { CdrService } from '../../src/cpo/cdrs/cdr-service.js';
import { SessionRepository } from '../../src/cpo/sessions/session-repository.js';
import type { SessionService } from '../../src/cpo/sessions/session-service.js';
import type { CDR } from '../../src/ocpi/types/cdrs.js';
import type { Session } from '../../src/ocpi/types/sessions.js';
import type { EmspPorts } from '../../src/settlement/reconciliation/emsp-checks.js';
import { ReconciliationService } from '../../src/settlement/reconciliation/reconciliation-service.js';
import type { MeterDisagreement } from '../../src/settlement/settlement-ports.js';
import type { StoredChargePoint } from '../../src/store/tables/session-tables.js';
import { after, LOCATION, startBody, startPair, TARIFF, TOKEN, type Pair } from '../sessions/pair.js';
import { backends, dropTestSchemas } from '../support/test-database.js';
import { CDR_START, completedSession, DAY_MS, findingsAbout, issuedCdr, reconcile, type FindingView } from './support.js';

const HOUR_MS = 3_600_000;

describe.each(backends)('reconciliation on $name', (backend) => {
  let pair: Pair;

  beforeAll(async () => {
    pair = await startPair(backend);
  });
  afterAll(async () => {
    await pair?.close();
    await dropTestSchemas();
  });

  const cpoModule = <T>(name: string) => (pair.cpo.service.modules.find((m) => m.name === name) as unknown as { service: T }).service;
  const toEmsp = (method: string, path: string, body: unknown) => pair.emsp.ocpi(method, path, pair.cpoToken, body);
  const putSession = (session: Session) => toEmsp('PUT', `receiver/sessions/NL/CPO/${session.id}`, session);
  const postCdr = (cdr: CDR) => toEmsp('POST', 'receiver/cdrs', cdr);
  const open = (findings: FindingView[]) => findings.filter((f) => f.status === 'OPEN');

  /** A session run at the CPO through its admin API; nothing delivered yet. */
  async function chargeAtCpo(overrides: Record<string, unknown> = {}, start = CDR_START): Promise<{ session: Session; cdr: CDR }> {
    const started = (await pair.cpo.api<Session>('POST', '/parties/NL-CPO/sessions', startBody(start, overrides))).body;
    await pair.cpo.api('POST', `/parties/NL-CPO/sessions/${started.id}/meter`, { at: after(start, 30), meter_kwh: 1010 });
    const stopped = await pair.cpo.api<{ session: Session; cdr: CDR }>('POST', `/parties/NL-CPO/sessions/${started.id}/stop`, { at: after(start, 60), meter_kwh: 1020 });
    return stopped.body;
  }

  it('CPO: finds a completed session without a CDR once, with its running cost, and resolves it when the CDR is issued', async () => {
    const session = completedSession('NO-CDR-1');
    const chargePoint = { location: LOCATION, time_zone: 'Europe/Amsterdam', tariff: TARIFF } as unknown as StoredChargePoint;
    // The meter spans the 6 kWh the CDR will bill: the charger's meter and the CDR agree.
    const timeline = [
      { at: CDR_START, energyKwh: 0, state: 'CHARGING' as const },
      { at: session.end_date_time!, energyKwh: 6, state: 'CHARGING' as const },
    ];
    await new SessionRepository(pair.cpo.service.database.db).insert(session, timeline, chargePoint);

    const first = await reconcile(pair.cpo);
    await reconcile(pair.cpo);
    const found = await findingsAbout(pair.cpo, 'NO-CDR-1');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: 'session_without_cdr', role: 'CPO', party: 'NL-CPO', counterpart: 'DE-MSP', session_id: 'NO-CDR-1', cdr_id: null, amount_at_risk: 3.3, currency: 'EUR', status: 'OPEN' });
    expect(first.added).toBeGreaterThanOrEqual(1);

    const cdrs = cpoModule<CdrService>('cpo-cdrs');
    await cdrs.issue(pair.cpo.service.database.db, issuedCdr('NO-CDR-1'));
    await pair.cpo.deliver();
    const run = await reconcile(pair.cpo);
    expect(run.resolved).toBeGreaterThanOrEqual(1);
    const [resolved] = await findingsAbout(pair.cpo, 'NO-CDR-1');
    expect(resolved).toMatchObject({ status: 'RESOLVED', closed_by: 'RECONCILIATION', close_reason: 'a CDR for the session arrived' });

    // The eMSP got a CDR whose session never came: its own finding, resolved when the session arrives.
    await reconcile(pair.emsp);
    expect(open(await findingsAbout(pair.emsp, 'NO-CDR-1'))).toMatchObject([{ type: 'cdr_without_session', role: 'EMSP', party: 'DE-MSP', counterpart: 'NL-CPO', cdr_id: 'NO-CDR-1', amount_at_risk: 3.3 }]);
    expect((await putSession(session)).status).toBe(201);
    await reconcile(pair.emsp);
    expect(open(await findingsAbout(pair.emsp, 'NO-CDR-1'))).toEqual([]);
  });

  it('CPO: finds a CDR still undelivered past the threshold, not before, and resolves it once the eMSP accepts it', async () => {
    const { cdr } = await chargeAtCpo();
    await reconcile(pair.cpo, 10 * 60_000);
    expect(await findingsAbout(pair.cpo, cdr.id)).toEqual([]);

    await reconcile(pair.cpo, 2 * HOUR_MS);
    const [undelivered] = await findingsAbout(pair.cpo, cdr.id);
    expect(undelivered).toMatchObject({ type: 'cdr_undelivered', cdr_id: cdr.id, session_id: cdr.id, amount_at_risk: cdr.total_cost.excl_vat, status: 'OPEN' });
    expect(undelivered!.evidence.delivery).toMatchObject({ state: 'PENDING', attempts: 0 });

    await pair.cpo.deliver();
    await reconcile(pair.cpo, 2 * HOUR_MS);
    expect(open(await findingsAbout(pair.cpo, cdr.id))).toEqual([]);
    await reconcile(pair.emsp);
    expect(open(await findingsAbout(pair.emsp, cdr.id))).toEqual([]);
  });

  it('both roles: a CDR the eMSP refuses for an unknown token is found on each side once, and resolves when the token exists and the CDR is sent again', async () => {
    const stranger = { ...TOKEN, uid: '0A0B0C0D' };
    const { session, cdr } = await chargeAtCpo({ cdr_token: stranger });
    await pair.cpo.deliver();

    await reconcile(pair.cpo);
    await reconcile(pair.cpo);
    const atCpo = await findingsAbout(pair.cpo, cdr.id);
    expect(atCpo).toHaveLength(1);
    expect(atCpo[0]).toMatchObject({ type: 'cdr_not_accepted', amount_at_risk: cdr.total_cost.excl_vat, status: 'OPEN' });
    expect(atCpo[0]!.evidence.delivery).toMatchObject({ state: 'DEAD' });
    expect(String((atCpo[0]!.evidence.delivery as { last_error: string }).last_error)).toMatch(/cdr_token\.uid/);

    await reconcile(pair.emsp);
    await reconcile(pair.emsp);
    const atEmsp = await findingsAbout(pair.emsp, session.id);
    // The session's CDR exists, refused: counted as refused, not again as a session without CDR.
    expect(atEmsp.map((f) => f.type).sort()).toEqual(['cdr_refused', 'token_not_valid']);
    expect(atEmsp.find((f) => f.type === 'token_not_valid')).toMatchObject({ session_id: session.id, cdr_id: null, evidence: { reason: 'unknown' } });
    expect(atEmsp.find((f) => f.type === 'cdr_refused')).toMatchObject({ cdr_id: cdr.id, amount_at_risk: cdr.total_cost.excl_vat });

    expect((await pair.emsp.api('POST', '/parties/DE-MSP/tokens', { uid: stranger.uid, type: 'RFID', contract_id: stranger.contract_id })).status).toBe(201);
    expect((await pair.cpo.api<{ retried: number }>('POST', '/outbox/retry', {})).body.retried).toBeGreaterThanOrEqual(1);
    await pair.cpo.deliver();
    await reconcile(pair.cpo);
    await reconcile(pair.emsp);
    expect(open(await findingsAbout(pair.cpo, cdr.id))).toEqual([]);
    expect(open(await findingsAbout(pair.emsp, session.id))).toEqual([]);
  });

  it('eMSP: pulls the CDR of a completed session from the CPO before reporting it missing', async () => {
    const { cdr } = await chargeAtCpo();
    // The CDR's POST is lost on the way; the session's updates arrive.
    await sql`update outbox set status = 'DEAD', last_error = 'lost' where kind = 'cdr.post' and reference = ${cdr.id}`.execute(pair.cpo.service.database.db);
    await pair.cpo.deliver();

    const run = await reconcile(pair.emsp);
    expect(run.skipped.filter((reason) => reason.includes('pull'))).toEqual([]);
    expect(await findingsAbout(pair.emsp, cdr.id)).toEqual([]);
    const received = (await pair.emsp.api<Array<{ cdr: CDR }>>('GET', '/parties/DE-MSP/received/cdrs?limit=1000')).body;
    expect(received.some((r) => r.cdr.id === cdr.id)).toBe(true);
  });

  it('eMSP: reports a completed session whose CDR the CPO does not have either, with the pull as evidence, and resolves it when the CDR arrives', async () => {
    const ended = new Date(Date.now() - HOUR_MS).toISOString();
    const ghost = completedSession('GHOST-1', { start_date_time: after(ended, -60), end_date_time: ended, last_updated: ended });
    expect((await putSession(ghost)).status).toBe(201);
    await reconcile(pair.emsp, 2 * HOUR_MS);
    expect(await findingsAbout(pair.emsp, 'GHOST-1')).toEqual([]);

    await reconcile(pair.emsp);
    await reconcile(pair.emsp);
    const found = await findingsAbout(pair.emsp, 'GHOST-1');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: 'session_without_cdr', role: 'EMSP', counterpart: 'NL-CPO', session_id: 'GHOST-1', amount_at_risk: 3.3 });
    expect(found[0]!.evidence.pull).toMatchObject({ received: expect.any(Number) });

    const late = issuedCdr('GHOST-1');
    const shift = (at: string) => new Date(Date.parse(at) - Date.parse(CDR_START) + Date.parse(ghost.start_date_time)).toISOString();
    const cdr = { ...late, start_date_time: shift(late.start_date_time), end_date_time: shift(late.end_date_time), charging_periods: late.charging_periods.map((p) => ({ ...p, start_date_time: shift(p.start_date_time) })) };
    expect((await postCdr(cdr)).body.status_code).toBe(1000);
    await reconcile(pair.emsp);
    expect(open(await findingsAbout(pair.emsp, 'GHOST-1'))).toEqual([]);
  });

  it('eMSP: finds a duplicate CDR for one session, the mispriced one by the re-priced difference, and resolves both by credit CDRs', async () => {
    expect((await putSession(completedSession('DUP-1'))).status).toBe(201);
    expect((await postCdr(issuedCdr('DUP-1'))).body.status_code).toBe(1000);
    const again = { ...issuedCdr('DUP-1'), id: 'DUP-1-AGAIN' };
    expect((await postCdr(again)).body.status_code).toBe(1000);

    expect((await putSession(completedSession('PRICE-1'))).status).toBe(201);
    const fair = issuedCdr('PRICE-1');
    const mispriced = { ...fair, total_energy_cost: { excl_vat: 2.8, incl_vat: 3.388 }, total_cost: { excl_vat: 4.3, incl_vat: 5.203 } };
    expect((await postCdr(mispriced)).body.status_code).toBe(1000);

    await reconcile(pair.emsp);
    await reconcile(pair.emsp);
    const duplicates = await findingsAbout(pair.emsp, 'DUP-1-AGAIN');
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]).toMatchObject({ type: 'duplicate_cdr', session_id: 'DUP-1', cdr_id: 'DUP-1-AGAIN', amount_at_risk: 3.3, evidence: { original_cdr_id: 'DUP-1' } });
    expect((await findingsAbout(pair.emsp, 'DUP-1')).filter((f) => f.cdr_id === 'DUP-1')).toEqual([]);
    const priced = await findingsAbout(pair.emsp, 'PRICE-1');
    expect(priced).toHaveLength(1);
    expect(priced[0]).toMatchObject({ type: 'price_mismatch', cdr_id: 'PRICE-1', amount_at_risk: 1, evidence: { repriced_total_cost: 3.3 } });

    expect((await postCdr(creditCdr(again, new Date()))).body.status_code).toBe(1000);
    expect((await postCdr(creditCdr(mispriced, new Date()))).body.status_code).toBe(1000);
    await reconcile(pair.emsp);
    expect(open(await findingsAbout(pair.emsp, 'DUP-1-AGAIN'))).toEqual([]);
    expect(open(await findingsAbout(pair.emsp, 'PRICE-1'))).toEqual([]);
  });

  it('eMSP: finds a session started with an already blocked token; an operator resolves it with a reason and it stays resolved', async () => {
    const uid = '0B0C0D0E';
    expect((await pair.emsp.api('POST', '/parties/DE-MSP/tokens', { uid, type: 'RFID', contract_id: TOKEN.contract_id })).status).toBe(201);
    expect((await pair.emsp.api('POST', `/parties/DE-MSP/tokens/${uid}/block`, { reason: 'BLOCKED' })).status).toBe(200);
    const start = new Date(Date.now() + 2000).toISOString();
    const session = completedSession('BLOCKED-1', { start_date_time: start, end_date_time: after(start, 60), last_updated: after(start, 61), cdr_token: { ...TOKEN, uid } });
    expect((await putSession(session)).status).toBe(201);

    await reconcile(pair.emsp);
    const [found] = open(await findingsAbout(pair.emsp, 'BLOCKED-1')).filter((f) => f.type === 'token_not_valid');
    expect(found).toMatchObject({ amount_at_risk: 3.3, evidence: { reason: 'blocked', block_reason: 'BLOCKED' } });

    expect((await pair.emsp.api('POST', `/reconciliation/findings/${found!.id}/resolve`, {})).status).toBe(400);
    const resolved = await pair.emsp.api<FindingView>('POST', `/reconciliation/findings/${found!.id}/resolve`, { reason: 'driver paid at the desk' });
    expect(resolved.body).toMatchObject({ status: 'RESOLVED', closed_by: 'OPERATOR', close_reason: 'driver paid at the desk' });
    expect((await pair.emsp.api('POST', `/reconciliation/findings/${found!.id}/ignore`, { reason: 'again' })).status).toBe(409);
    await reconcile(pair.emsp);
    expect((await findingsAbout(pair.emsp, 'BLOCKED-1')).find((f) => f.type === 'token_not_valid')).toMatchObject({ status: 'RESOLVED', closed_by: 'OPERATOR' });
  });

  it('eMSP: finds implausible values in a session, an accepted CDR and a refused CDR, and resolves the session when it is corrected', async () => {
    const backwards = completedSession('IMPL-1', { end_date_time: after(CDR_START, -5) });
    expect((await putSession(backwards)).status).toBe(201);
    const future = new Date(Date.now() + 30 * DAY_MS).toISOString();
    const fromTheFuture = { ...issuedCdr('IMPL-2'), start_date_time: future, end_date_time: after(future, 60), charging_periods: issuedCdr('IMPL-2').charging_periods.map((p, i) => ({ ...p, start_date_time: after(future, 30 * i) })) };
    expect((await postCdr(fromTheFuture)).body.status_code).toBe(1000);
    const negative = { ...issuedCdr('IMPL-3'), total_energy: -6 };
    expect((await postCdr(negative)).body.status_code).toBe(2001);

    await reconcile(pair.emsp);
    await reconcile(pair.emsp);
    const [session] = (await findingsAbout(pair.emsp, 'IMPL-1')).filter((f) => f.type === 'implausible_values');
    expect(session).toMatchObject({ status: 'OPEN', session_id: 'IMPL-1', cdr_id: null, amount_at_risk: 3.3, evidence: { problems: [{ field: 'end_date_time' }] } });
    const accepted = (await findingsAbout(pair.emsp, 'IMPL-2')).filter((f) => f.type === 'implausible_values');
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.evidence).toMatchObject({ accepted: true, problems: [{ field: 'start_date_time' }, { field: 'end_date_time' }] });
    const refused = (await findingsAbout(pair.emsp, 'IMPL-3')).filter((f) => f.type === 'implausible_values');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ amount_at_risk: 3.3, evidence: { accepted: false } });

    expect((await putSession({ ...backwards, end_date_time: after(CDR_START, 60), last_updated: after(CDR_START, 90) })).status).toBe(200);
    await reconcile(pair.emsp);
    expect((await findingsAbout(pair.emsp, 'IMPL-1')).find((f) => f.type === 'implausible_values')).toMatchObject({ status: 'RESOLVED', closed_by: 'RECONCILIATION' });
  });

  it('CPO: compares the CDR with the charger meter and reports sessions the gateway closed by timeout, through the gateway port', async () => {
    const { cdr } = await chargeAtCpo();
    await pair.cpo.deliver();
    let metered: MeterDisagreement[] = [{ session_id: cdr.session_id!, meter_kwh: cdr.total_energy - 4, closed_by_timeout: true, cdr }];
    const none = async () => [];
    const emsp: EmspPorts = {
      sessions: { completedWithoutCdr: none, startedIn: none },
      cdrs: { withoutSession: none, duplicates: none, mispriced: none, receivedIn: none, refused: none },
      tokens: { tokenStates: none },
      puller: { pullCdrs: async () => ({ received: 0, refused: 0 }) },
    };
    const service = new ReconciliationService(pair.cpo.service.database.db, {
      cpo: { sessions: cpoModule<SessionService>('cpo-sessions'), cdrs: cpoModule<CdrService>('cpo-cdrs'), gateway: { meterDisagreements: async () => metered } },
      emsp,
    });
    const now = new Date(Date.now() + DAY_MS);
    const since = new Date('2020-01-01T00:00:00Z');
    await service.run({ since, now });
    await service.run({ since, now });
    const found = open(await findingsAbout(pair.cpo, cdr.id));
    const pricePerKwh = cdr.total_energy_cost!.excl_vat / cdr.total_energy;
    expect(found.find((f) => f.type === 'energy_mismatch')).toMatchObject({ amount_at_risk: Math.round(4 * pricePerKwh * 10_000) / 10_000, evidence: { cdr_kwh: cdr.total_energy, meter_kwh: cdr.total_energy - 4 } });
    expect(found.find((f) => f.type === 'session_closed_by_timeout')).toMatchObject({ amount_at_risk: cdr.total_cost.excl_vat });
    expect(found).toHaveLength(2);

    metered = [{ ...metered[0]!, meter_kwh: cdr.total_energy, closed_by_timeout: false }];
    await service.run({ since, now });
    expect(open(await findingsAbout(pair.cpo, cdr.id))).toEqual([]);
  });

  it('CPO: the service compares its own CDRs with the meter readings of their sessions and reports the sessions it closed by timeout', async () => {
    const chargePoint = { location: LOCATION, time_zone: 'Europe/Amsterdam', tariff: TARIFF } as unknown as StoredChargePoint;
    const sessions = new SessionRepository(pair.cpo.service.database.db);
    // The charger's register spans 5 kWh; the CDR bills 6.
    const short = completedSession('METER-1');
    await sessions.insert(short, [{ at: CDR_START, energyKwh: 100, state: 'CHARGING' }, { at: short.end_date_time!, energyKwh: 105, state: 'CHARGING' }], chargePoint);
    const timedOut = completedSession('TIMEOUT-1');
    await sessions.insert(timedOut, [{ at: CDR_START, energyKwh: 0, state: 'CHARGING' }, { at: timedOut.end_date_time!, energyKwh: 6, state: 'CHARGING' }], chargePoint);
    await sql`update cpo_session set closed_by_timeout = true where session_key = 'TIMEOUT-1'`.execute(pair.cpo.service.database.db);
    const cdrs = cpoModule<CdrService>('cpo-cdrs');
    const billed = issuedCdr('METER-1');
    await cdrs.issue(pair.cpo.service.database.db, billed);
    await cdrs.issue(pair.cpo.service.database.db, issuedCdr('TIMEOUT-1'));
    await pair.cpo.deliver();

    const run = await reconcile(pair.cpo);
    expect(run.checked).toEqual(expect.arrayContaining(['CPO/energy_mismatch', 'CPO/session_closed_by_timeout']));
    expect(run.skipped).toEqual([]);
    await reconcile(pair.cpo);
    const pricePerKwh = billed.total_energy_cost!.excl_vat / billed.total_energy;
    expect(open(await findingsAbout(pair.cpo, 'METER-1'))).toMatchObject([{ type: 'energy_mismatch', amount_at_risk: Math.round(pricePerKwh * 10_000) / 10_000, evidence: { cdr_kwh: 6, meter_kwh: 5, difference_kwh: 1 } }]);
    expect(open(await findingsAbout(pair.cpo, 'TIMEOUT-1'))).toMatchObject([{ type: 'session_closed_by_timeout', amount_at_risk: 3.3 }]);
  });

  it('lists open findings by party and date, and refuses bad filters with the field at fault', async () => {
    const all = (await pair.emsp.api<FindingView[]>('GET', '/reconciliation/findings')).body;
    expect(all.every((f) => f.status === 'OPEN')).toBe(true);
    expect((await pair.emsp.api<FindingView[]>('GET', '/reconciliation/findings?party=NL-CPO')).body).toEqual(all);
    expect((await pair.emsp.api<FindingView[]>('GET', '/reconciliation/findings?party=BE-XYZ')).body).toEqual([]);
    expect((await pair.emsp.api<FindingView[]>('GET', '/reconciliation/findings?since=2099-01-01')).body).toEqual([]);
    const bad = await pair.emsp.api<{ error: { field: string } }>('GET', '/reconciliation/findings?since=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('since');
    expect((await pair.emsp.api<{ error: { field: string } }>('GET', '/reconciliation/findings?party=nope')).body.error.field).toBe('party');
    expect((await pair.emsp.api('GET', '/reconciliation/findings/999999')).status).toBe(404);
  });
});
