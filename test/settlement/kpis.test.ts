import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src/ocpi/types/sessions.js';
import type { KpiReport } from '../../src/settlement/kpis/kpi-service.js';
import { after, startBody, startPair, TOKEN, type Pair, type Side } from '../sessions/pair.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

interface OutboxMessage {
  status: string;
}

/**
 * KPIs counted from real events between a CPO and an eMSP service: authorizations (whitelist and
 * real time), sessions, CDRs and deliveries, each side from its own database.
 */
describe.each(backends)('KPIs on $name', (backend) => {
  let pair: Pair;
  const STOP = new Date(Date.now() - 60_000).toISOString();
  const START = after(STOP, -60);

  beforeAll(async () => {
    pair = await startPair(backend);
    const issue = (uid: string, whitelist: string) => pair.emsp.api('POST', '/parties/DE-MSP/tokens', { uid, type: 'RFID', contract_id: TOKEN.contract_id, whitelist });
    await issue('0A0A0A0A', 'ALWAYS');
    await issue('0B0B0B0B', 'ALLOWED');
    await pair.emsp.deliver();
    await pair.emsp.api('POST', '/parties/DE-MSP/tokens/0B0B0B0B/block', { reason: 'BLOCKED' });
    await pair.emsp.deliver();

    // CPO: whitelist 1 of 2 (the unknown card is refused), real time 2 of 3 (the blocked card is refused).
    for (const uid of [TOKEN.uid, TOKEN.uid, '0A0A0A0A', 'FFFFFFFF']) await pair.cpo.api('POST', '/parties/NL-CPO/authorize', { uid, type: 'RFID' });
    // Cached as ALLOWED before the block reached the CPO or not: ALLOWED tokens are always asked in real time.
    await pair.cpo.api('POST', '/parties/NL-CPO/authorize', { uid: '0B0B0B0B', type: 'RFID' });

    // Sessions: three with energy (one with a card the eMSP does not know, so its CDR is refused), one that never started.
    const charge = async (overrides: Record<string, unknown>) => {
      const { id } = (await pair.cpo.api<Session>('POST', '/parties/NL-CPO/sessions', startBody(START, overrides))).body;
      await pair.cpo.api('POST', `/parties/NL-CPO/sessions/${id}/meter`, { at: after(START, 30), meter_kwh: 1010 });
      await pair.cpo.api('POST', `/parties/NL-CPO/sessions/${id}/stop`, { at: STOP, meter_kwh: 1020 });
    };
    await charge({});
    await charge({});
    await charge({ cdr_token: { ...TOKEN, uid: 'FFFFFFFF' } });
    const pending = (await pair.cpo.api<Session>('POST', '/parties/NL-CPO/sessions', startBody(START, { status: 'PENDING' }))).body;
    await pair.cpo.api('POST', `/parties/NL-CPO/sessions/${pending.id}/stop`, { at: STOP, meter_kwh: 1000 });
    await pair.cpo.deliver();
  });
  afterAll(async () => {
    await pair?.close();
    await dropTestSchemas();
  });

  const kpis = async (side: Side, query = '') => (await side.api<KpiReport>('GET', `/kpis${query}`)).body;
  const delivered = async (side: Side) => (await side.api<OutboxMessage[]>('GET', '/outbox?status=DELIVERED&limit=1000')).body.length;

  it('counts authorizations by method at the CPO and real-time answers at the eMSP', async () => {
    const cpo = await kpis(pair.cpo);
    expect(cpo.authorization_success_rate).toEqual({
      value: 0.6,
      succeeded: 3,
      total: 5,
      by_method: { whitelist: { value: 0.5, succeeded: 1, total: 2 }, realtime: { value: 0.6667, succeeded: 2, total: 3 }, command: { value: null, succeeded: 0, total: 0 } },
    });
    const emsp = await kpis(pair.emsp);
    expect(emsp.authorization_success_rate).toMatchObject({ value: 0.6667, succeeded: 2, total: 3, by_method: { realtime: { succeeded: 2, total: 3 } } });
  });

  it('counts sessions, CDR acceptance and time from session end to CDR on both sides', async () => {
    for (const side of [pair.cpo, pair.emsp]) {
      const figures = await kpis(side);
      expect(figures.session_success_rate).toEqual({ value: 0.75, succeeded: 3, total: 4 });
      expect(figures.cdr_acceptance_rate).toEqual({ value: 0.6667, succeeded: 2, total: 3 });
    }
    const cpo = (await kpis(pair.cpo)).time_from_session_end_to_cdr;
    const emsp = (await kpis(pair.emsp)).time_from_session_end_to_cdr;
    expect(cpo.count).toBe(3);
    expect(emsp.count).toBe(2);
    // Each session ended a minute before its stop was reported, and the CDR was issued at the stop.
    for (const figure of [cpo, emsp]) {
      expect(figure.p50_seconds).toBeGreaterThanOrEqual(60);
      expect(figure.p95_seconds).toBeLessThan(120);
    }
  });

  it('measures deliveries: every call answered, one latency per delivered message', async () => {
    for (const side of [pair.cpo, pair.emsp]) {
      const figures = await kpis(side);
      expect(figures.partner_endpoint_availability.value).toBe(1);
      expect(figures.push_delivery_latency.count).toBe(await delivered(side));
      expect(figures.push_delivery_latency.p95_seconds).toBeGreaterThanOrEqual(0);
    }
  });

  it('splits the figures by partner and filters by party and period', async () => {
    const cpo = await kpis(pair.cpo);
    expect(Object.keys(cpo.by_partner)).toEqual(['DE-MSP']);
    // The unknown card belongs to no partner: it counts only in the overall figure.
    expect(cpo.by_partner['DE-MSP']!.authorization_success_rate.by_method.whitelist).toEqual({ value: 1, succeeded: 1, total: 1 });
    expect((await kpis(pair.cpo, '?party=DE-MSP')).authorization_success_rate.total).toBe(4);
    expect((await kpis(pair.cpo, '?party=NL-CPO')).authorization_success_rate.total).toBe(5);
    expect((await kpis(pair.cpo, '?party=BE-XYZ')).session_success_rate).toEqual({ value: null, succeeded: 0, total: 0 });
    const past = await kpis(pair.cpo, '?from=2020-01-01&to=2020-02-01');
    expect(past.period).toEqual({ from: '2020-01-01T00:00:00.000Z', to: '2020-02-01T00:00:00.000Z' });
    expect(past.authorization_success_rate.total).toBe(0);
    const bad = await pair.cpo.api<{ error: { field: string } }>('GET', '/kpis?from=2020-02-01&to=2020-01-01');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('from');
  });

  it('serves the figures in the Prometheus text format', async () => {
    const response = await pair.cpo.service.app.inject({ method: 'GET', url: '/api/metrics', headers: { authorization: 'Bearer sessions-test-admin-token' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const lines = response.body.split('\n');
    expect(lines).toContain('# TYPE evroam_kpi_ratio gauge');
    expect(lines).toContain('evroam_kpi_ratio{kpi="authorization_success_rate"} 0.6');
    expect(lines).toContain('evroam_kpi_ratio{kpi="authorization_success_rate",method="whitelist",counterpart="DE-MSP"} 1');
    expect(lines).toContain('evroam_kpi_events{kpi="session_success_rate",outcome="all"} 4');
    expect(lines).toContain('evroam_kpi_observations{kpi="time_from_session_end_to_cdr"} 3');
    expect(response.body.endsWith('\n')).toBe(true);
    const unauthorized = await pair.cpo.service.app.inject({ method: 'GET', url: '/api/metrics' });
    expect(unauthorized.statusCode).toBe(401);
  });

  it('serves the same metrics at the service root, behind the admin token by default', async () => {
    const root = await pair.cpo.service.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer sessions-test-admin-token' } });
    expect(root.statusCode).toBe(200);
    expect(root.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const samples = (text: string) => text.split('\n').filter((line) => !line.startsWith('#'));
    const api = await pair.cpo.service.app.inject({ method: 'GET', url: '/api/metrics', headers: { authorization: 'Bearer sessions-test-admin-token' } });
    expect(samples(root.body)).toEqual(samples(api.body));
    expect(samples(root.body)).toContain('evroam_kpi_events{kpi="session_success_rate",outcome="all"} 4');
    for (const headers of [{}, { authorization: 'Bearer wrong-token-0123456789' }]) {
      const refused = await pair.cpo.service.app.inject({ method: 'GET', url: '/metrics', headers });
      expect(refused.statusCode).toBe(401);
      expect(JSON.parse(refused.body)).toEqual({ error: { status: 401, message: 'Missing or wrong admin token (Authorization: Bearer …)' } });
    }
  });

  it('measures the settlement cycle from session end to the settlement of the statement that billed it', async () => {
    const period = STOP.slice(0, 7);
    expect((await kpis(pair.cpo)).settlement_cycle_time).toEqual({ average_seconds: null, p50_seconds: null, p95_seconds: null, count: 0 });
    const statement = (await pair.cpo.api<{ id: string; lines: unknown[] }>('POST', '/settlement/statements', { party: 'NL-CPO', counterpart: 'DE-MSP', period })).body;
    expect(statement.lines).toHaveLength(3);
    await pair.cpo.api('POST', `/settlement/statements/${statement.id}/issue`);
    // Issued is not settled: nothing counts yet.
    expect((await kpis(pair.cpo)).settlement_cycle_time.count).toBe(0);
    const settled = await pair.cpo.api<{ settled_at: string }>('POST', `/settlement/statements/${statement.id}/settle`);
    const cycle = (Date.parse(settled.body.settled_at) - Date.parse(STOP)) / 1000;

    const figures = await kpis(pair.cpo);
    expect(figures.settlement_cycle_time).toEqual({ average_seconds: cycle, p50_seconds: cycle, p95_seconds: cycle, count: 3 });
    expect(figures.by_partner['DE-MSP']!.settlement_cycle_time.count).toBe(3);
    expect((await kpis(pair.cpo, '?party=BE-XYZ')).settlement_cycle_time.count).toBe(0);
    // The eMSP settled nothing.
    expect((await kpis(pair.emsp)).settlement_cycle_time.count).toBe(0);

    const metrics = await pair.cpo.service.app.inject({ method: 'GET', url: '/api/metrics', headers: { authorization: 'Bearer sessions-test-admin-token' } });
    expect(metrics.body.split('\n')).toContain('evroam_kpi_observations{kpi="settlement_cycle_time"} 3');
    expect(metrics.body.split('\n')).toContain(`evroam_kpi_seconds{kpi="settlement_cycle_time",statistic="p50",counterpart="DE-MSP"} ${cycle}`);
  });
});
