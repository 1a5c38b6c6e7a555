import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDR } from '../../src/ocpi/types/cdrs.js';
import type { Session } from '../../src/ocpi/types/sessions.js';
import type { SimulatedCharger } from '../chargers/simulated-charger.js';
import { meterValues16, startChargerPair, TOKEN, type ChargerPair } from '../chargers/support.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

interface Message {
  at: string;
  direction: 'in' | 'out';
  kind: string;
  action: string | null;
  message_id: string | null;
  transaction_id: string | null;
  payload: Record<string, unknown> | null;
  error: string | null;
}
interface Trace {
  party: string;
  role: string;
  session: Session;
  ocpp: Message[];
  ocpi: Array<{ direction: string; method: string; module: string; request_id: string }>;
  cdr: CDR | null;
  findings: unknown[];
  statement_lines: Array<{ statement_id: string; period: string; state: string; amount: number; cdr_id: string; disputed: boolean }>;
  disputes: Array<{ id: string; cdr_id: string; status: string }>;
}
interface Authorization {
  at: string;
  method: string;
  location_id: string | null;
  result: string;
  counterpart: string;
  session_id: string | null;
}

/** Minutes before the test ran: the session is this month's, so it lands on this month's statement. */
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe.each(backends)('OCPP message log, session trace and token authorizations on $name', (backend) => {
  let pair: ChargerPair;
  let charger: SimulatedCharger;
  let session: Session;
  let cdr: CDR;
  const testStart = new Date();

  beforeAll(async () => {
    pair = await startChargerPair(backend);
    await pair.register('CB-TRACE', 'EVSE-1');
    await pair.register('CB-SILENT', 'EVSE-2');
    charger = await pair.connect({ identity: 'CB-TRACE', version: '1.6' });
    await charger.call('BootNotification', { chargePointVendor: 'Alfen', chargePointModel: 'Eve' });
    await charger.call('StatusNotification', { connectorId: 1, status: 'Preparing', errorCode: 'NoError' });
    await charger.call('Authorize', { idTag: TOKEN.uid });
    const started = await charger.call<{ transactionId: number }>('StartTransaction', { connectorId: 1, idTag: TOKEN.uid, meterStart: 100_000, timestamp: ago(30) });
    await charger.call('MeterValues', meterValues16(started.transactionId, ago(15), 102_000));
    await charger.call('StopTransaction', { transactionId: started.transactionId, meterStop: 104_000, timestamp: ago(1) });
    session = (await pair.sessionsAt('EVSE-1'))[0]!;
    await pair.cpo.deliver();
    cdr = (await pair.emsp.api<Array<{ cdr: CDR }>>('GET', '/parties/DE-MSP/received/cdrs')).body.map((r) => r.cdr).find((c) => c.session_id === session.id)!;
  });
  afterAll(async () => {
    expect(charger?.problems ?? []).toEqual([]);
    await pair?.close();
    await charger?.close().catch(() => undefined);
    await dropTestSchemas();
  });

  it("lists a charger's frames newest first, answers named by the action of their call", async () => {
    const latest = await pair.cpo.api<{ messages: Message[] }>('GET', '/parties/NL-CPO/chargers/CB-TRACE/messages?limit=2');
    expect(latest.status).toBe(200);
    expect(latest.body.messages.map((m) => [m.direction, m.kind, m.action])).toEqual([
      ['out', 'CALLRESULT', 'StopTransaction'],
      ['in', 'CALL', 'StopTransaction'],
    ]);
    expect(latest.body.messages[1]).toMatchObject({ payload: { meterStop: 104_000 }, error: null });
    expect(latest.body.messages[0]!.message_id).toBe(latest.body.messages[1]!.message_id);

    const all = (await pair.cpo.api<{ messages: Message[] }>('GET', '/parties/NL-CPO/chargers/CB-TRACE/messages')).body.messages;
    expect(all).toHaveLength(12);
    const boot = all.filter((m) => m.action === 'BootNotification');
    expect(boot.map((m) => m.direction)).toEqual(['out', 'in']);
    expect(boot[1]!.payload).toEqual({ chargePointVendor: 'Alfen', chargePointModel: 'Eve' });
    expect(boot[0]!.payload).toMatchObject({ status: 'Accepted' });
    expect(Date.parse(all[0]!.at)).toBeGreaterThanOrEqual(Date.parse(all[11]!.at));
  });

  it('the charger view shows when the charger last spoke and last booted; a silent charger has neither', async () => {
    const view = (await pair.cpo.api<{ connected: boolean; last_message_at: string | null; last_boot_at: string | null }>('GET', '/parties/NL-CPO/chargers/CB-TRACE')).body;
    expect(view.connected).toBe(true);
    expect(Date.parse(view.last_message_at!)).toBeGreaterThanOrEqual(testStart.getTime());
    expect(Date.parse(view.last_boot_at!)).toBeGreaterThanOrEqual(testStart.getTime());
    const list = (await pair.cpo.api<Array<{ id: string; last_message_at: string | null; last_boot_at: string | null }>>('GET', '/parties/NL-CPO/chargers')).body;
    expect(list.find((c) => c.id === 'CB-TRACE')!.last_message_at).toBe(view.last_message_at);
    expect(list.find((c) => c.id === 'CB-SILENT')).toMatchObject({ last_message_at: null, last_boot_at: null });
    expect((await pair.cpo.api<{ messages: Message[] }>('GET', '/parties/NL-CPO/chargers/CB-SILENT/messages')).body.messages).toEqual([]);
  });

  it('refuses an unknown charger (404) and a bad limit (400 naming limit)', async () => {
    const unknown = await pair.cpo.api<{ error: { status: number; field: string } }>('GET', '/parties/NL-CPO/chargers/CB-NOBODY/messages');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.field).toBe('id');
    const badLimit = await pair.cpo.api<{ error: { field: string } }>('GET', '/parties/NL-CPO/chargers/CB-TRACE/messages?limit=0');
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.field).toBe('limit');
  });

  it("traces a session at the CPO: the transaction's OCPP frames in order, the OCPI pushes, the CDR", async () => {
    const trace = await pair.cpo.api<Trace>('GET', `/trace/sessions/${session.id}`);
    expect(trace.status).toBe(200);
    expect(trace.body).toMatchObject({ party: 'NL-CPO', role: 'CPO', session: { id: session.id, status: 'COMPLETED' }, cdr: { id: cdr.id }, findings: [], disputes: [] });
    const calls = trace.body.ocpp.filter((m) => m.kind === 'CALL').map((m) => m.action);
    expect(calls).toEqual(['BootNotification', 'StatusNotification', 'Authorize', 'StartTransaction', 'MeterValues', 'StopTransaction']);
    expect(trace.body.ocpp.find((m) => m.kind === 'CALLRESULT' && m.action === 'StartTransaction')!.transaction_id).toBe(trace.body.ocpp.find((m) => m.action === 'StopTransaction')!.transaction_id);
    // The session's pushes and its CDR, oldest first, each with the request id the eMSP logged too.
    const pushes = trace.body.ocpi.map((e) => `${e.direction} ${e.method} ${e.module}`);
    expect(pushes[0]).toBe('out PUT sessions');
    expect(pushes.at(-1)).toBe('out POST cdrs');
    const atEmsp = await pair.emsp.api<{ entries: Array<{ direction: string }> }>('GET', `/traffic?request_id=${trace.body.ocpi.at(-1)!.request_id}`);
    expect(atEmsp.body.entries.map((e) => e.direction)).toEqual(['in']);
  });

  it('traces the same session at the eMSP with its statement line and dispute', async () => {
    const period = new Date(cdr.end_date_time).toISOString().slice(0, 7);
    const statement = await pair.emsp.api<{ id: string }>('POST', '/settlement/statements', { party: 'DE-MSP', counterpart: 'NL-CPO', period });
    expect(statement.status, JSON.stringify(statement.body)).toBe(201);
    const dispute = await pair.emsp.api<{ id: string }>('POST', '/settlement/disputes', { party: 'DE-MSP', counterpart: 'NL-CPO', cdr_id: cdr.id, reason: 'Driver says the charger stopped early' });
    expect(dispute.status, JSON.stringify(dispute.body)).toBe(201);

    const trace = await pair.emsp.api<Trace>('GET', `/trace/sessions/${session.id}?party=DE-MSP`);
    expect(trace.status).toBe(200);
    expect(trace.body).toMatchObject({ party: 'DE-MSP', role: 'EMSP', session: { id: session.id }, ocpp: [], cdr: { id: cdr.id } });
    expect(trace.body.ocpi.every((e) => e.direction === 'in')).toBe(true);
    expect(trace.body.ocpi.map((e) => `${e.method} ${e.module}`)).toContain('POST cdrs');
    expect(trace.body.statement_lines).toEqual([{ statement_id: statement.body.id, period, state: 'DRAFT', amount: cdr.total_cost.incl_vat, currency: 'EUR', cdr_id: cdr.id, disputed: true }]);
    expect(trace.body.disputes).toMatchObject([{ id: dispute.body.id, cdr_id: cdr.id, status: 'OPEN' }]);
  });

  it('answers 404 naming the id for a session nobody holds, and checks party', async () => {
    const missing = await pair.cpo.api<{ error: { status: number; field: string; message: string } }>('GET', '/trace/sessions/NO-SUCH-SESSION');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ field: 'id', message: 'No session NO-SUCH-SESSION' });
    // The CPO's session is not a session the eMSP's party holds under that id at the CPO process.
    expect((await pair.cpo.api('GET', `/trace/sessions/${session.id}?party=FR-XYZ`)).status).toBe(404);
    const badParty = await pair.cpo.api<{ error: { field: string } }>('GET', `/trace/sessions/${session.id}?party=NL_CPO`);
    expect(badParty.status).toBe(400);
    expect(badParty.body.error.field).toBe('party');
  });

  it("lists a token's authorizations at the eMSP, newest first: the real-time answer at the tap and the session the CPO reported", async () => {
    const history = await pair.emsp.api<{ authorizations: Authorization[] }>('GET', `/parties/DE-MSP/tokens/${TOKEN.uid}/authorizations?type=RFID`);
    expect(history.status).toBe(200);
    // The session is listed at its start (the charger's clock, half an hour ago), the answer when it was given.
    const [realtime, sessionEntry] = history.body.authorizations;
    expect(sessionEntry).toMatchObject({ method: 'session', result: 'ALLOWED', counterpart: 'NL-CPO', location_id: 'LOC-1', session_id: session.id });
    expect(realtime).toMatchObject({ method: 'realtime', result: 'ALLOWED', counterpart: 'NL-CPO', session_id: null });
    expect(history.body.authorizations).toHaveLength(2);

    const unknown = await pair.emsp.api<{ error: { field: string } }>('GET', '/parties/DE-MSP/tokens/0102030405/authorizations');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.field).toBe('uid');
    expect((await pair.emsp.api('GET', `/parties/DE-MSP/tokens/${TOKEN.uid}/authorizations?limit=5000`)).status).toBe(400);
    expect((await pair.cpo.api('GET', `/parties/NL-CPO/tokens/${TOKEN.uid}/authorizations`)).status).toBe(400);
  });
});
