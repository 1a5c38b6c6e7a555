import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDR } from '../../src/ocpi/types/cdrs.js';
import type { Session } from '../../src/ocpi/types/sessions.js';
import { backends, dropTestSchemas } from '../support/test-database.js';
import { after, startBody, startPair, type Pair } from '../sessions/pair.js';
import { issuedCdr } from './support.js';

const START = '2025-03-04T09:00:00.000Z';

interface Accepted {
  seq: string;
  cdr: CDR;
  credits_seq: string | null;
}
interface Rejected {
  cdr_id: string;
  problems: Array<{ field: string; reason: string }>;
  attempts: number;
}

describe.each(backends)('CDRs from a CPO to an eMSP on $name', (backend) => {
  let pair: Pair;

  beforeAll(async () => {
    pair = await startPair(backend);
  });
  afterAll(async () => {
    await pair?.close();
    await dropTestSchemas();
  });

  const post = (body: unknown, token = pair.cpoToken) => pair.emsp.ocpi('POST', 'receiver/cdrs', token, body);
  const accepted = async () => (await pair.emsp.api<Accepted[]>('GET', '/parties/DE-MSP/received/cdrs')).body;
  const rejected = async () => (await pair.emsp.api<Rejected[]>('GET', '/parties/DE-MSP/received/cdrs/rejected')).body;

  /** Runs a one-hour session at the CPO and delivers everything; returns its CDR. */
  async function chargedSession(): Promise<CDR> {
    const { id } = (await pair.cpo.api<Session>('POST', '/parties/NL-CPO/sessions', startBody(START))).body;
    await pair.cpo.api('POST', `/parties/NL-CPO/sessions/${id}/meter`, { at: after(START, 30), meter_kwh: 1010 });
    const stopped = await pair.cpo.api<{ cdr: CDR }>('POST', `/parties/NL-CPO/sessions/${id}/stop`, { at: after(START, 60), meter_kwh: 1020 });
    await pair.cpo.deliver();
    return stopped.body.cdr;
  }

  it('stores a CDR once however often it is POSTed, answering each time with the same Location, served to its sender only', async () => {
    const cdr = issuedCdr('TWICE-1');
    const first = await post(cdr);
    expect(first.status).toBe(201);
    expect(first.body.status_code).toBe(1000);
    const again = await post(cdr);
    expect(again.status).toBe(200);
    expect(again.headers.location).toBe(first.headers.location);
    expect((await accepted()).filter((a) => a.cdr.id === 'TWICE-1')).toHaveLength(1);

    const path = String(first.headers.location).slice(String(first.headers.location).indexOf('receiver/'));
    expect((await pair.emsp.ocpi<CDR>('GET', path, pair.cpoToken)).body.data).toEqual(cdr);
    const stranger = await pair.otherPartner('emsp', 'CPO', { countryCode: 'BE', partyId: 'OTH' });
    expect((await pair.emsp.ocpi('GET', path, stranger)).status).toBe(404);
    expect((await pair.emsp.ocpi('GET', 'receiver/cdrs/not-a-number', pair.cpoToken)).status).toBe(404);

    // The same id with other content is not a repeat: CDRs never change.
    const changed = await post({ ...cdr, remark: 'changed my mind' });
    expect(changed.body.status_code).toBe(2001);
    expect(changed.body.status_message).toMatch(/^Invalid field id: .*credit CDRs/);
    expect((await rejected()).find((r) => r.cdr_id === 'TWICE-1')?.problems[0]?.field).toBe('id');
  });

  it('rejects a CDR with wrong totals with 2001 and the reason, and lists it as rejected', async () => {
    const wrong = { ...issuedCdr('WRONG-1'), total_cost: { excl_vat: 33, incl_vat: 39.93 } };
    const reply = await post(wrong);
    expect(reply.status).toBe(200);
    expect(reply.body.status_code).toBe(2001);
    expect(reply.body.status_message).toMatch(/^Invalid field total_cost\.excl_vat: 33 is more than the sum of all its cost parts, 3\.3/);
    expect(reply.headers.location).toBeUndefined();
    await post(wrong);
    expect((await accepted()).some((a) => a.cdr.id === 'WRONG-1')).toBe(false);
    const listed = (await rejected()).find((r) => r.cdr_id === 'WRONG-1')!;
    expect(listed.attempts).toBe(2);
    expect(listed.problems.map((p) => p.field)).toContain('total_cost.excl_vat');
  });

  it('rejects a CDR whose charging periods the tariff engine cannot read, naming charging_periods', async () => {
    const cdr = issuedCdr('UNREADABLE-1');
    const [first, second] = cdr.charging_periods;
    // A reservation after the session it would have preceded (OCPI 2.2.1 "Tariffs", RESERVATION).
    const reservation = { ...second!, dimensions: [{ type: 'RESERVATION_TIME' as const, volume: 0.5 }] };
    const reply = await post({ ...cdr, charging_periods: [first!, reservation] });
    expect(reply.body.status_code).toBe(2001);
    expect((await accepted()).some((a) => a.cdr.id === 'UNREADABLE-1')).toBe(false);
    const problem = (await rejected()).find((r) => r.cdr_id === 'UNREADABLE-1')?.problems.find((p) => p.field === 'charging_periods');
    expect(problem?.reason).toMatch(/reservation must precede the session/);
  });

  it('refuses malformed CDRs and CDRs of another owner with 2001, keeping nothing', async () => {
    const before = { accepted: await accepted(), rejected: await rejected() };
    const { cdr_location: _missing, ...noLocation } = issuedCdr('BAD-1');
    const bodies: Array<[unknown, RegExp]> = [
      [noLocation, /cdr_location/],
      [{ ...issuedCdr('BAD-2'), total_energy: '6' }, /total_energy/],
      [{ ...issuedCdr('BAD-3'), charging_periods: [] }, /charging_periods/],
      [{ ...issuedCdr('BAD-4'), id: 'X'.repeat(40) }, /id/],
      [{ ...issuedCdr('BAD-5'), party_id: 'ABC' }, /party_id: the CDR is NL-ABC's, but NL-CPO sent it/],
      [[issuedCdr('BAD-6')], /body/],
    ];
    for (const [body, message] of bodies) {
      const reply = await post(body);
      expect(reply.body.status_code, JSON.stringify(reply.body)).toBe(2001);
      expect(reply.body.status_message).toMatch(message);
    }
    expect({ accepted: await accepted(), rejected: await rejected() }).toEqual(before);
  });

  it('POSTs the CDR of a stopped session, keeps its Location, and links a credit CDR to it', async () => {
    const cdr = await chargedSession();
    const original = (await accepted()).find((a) => a.cdr.id === cdr.id)!;
    expect(original.cdr).toEqual(cdr);
    expect((await pair.cpo.api<{ location_url: string }>('GET', `/parties/NL-CPO/cdrs/${cdr.id}`)).body.location_url).toBe(`${pair.emsp.url}/ocpi/2.2.1/receiver/cdrs/${original.seq}`);

    const credit = await pair.cpo.api<CDR>('POST', `/parties/NL-CPO/cdrs/${cdr.id}/credit`, { remark: 'meter fault' });
    expect(credit.status).toBe(201);
    expect(credit.body).toMatchObject({ id: `${cdr.id}-C`, credit: true, credit_reference_id: cdr.id, remark: 'meter fault', total_energy: cdr.total_energy });
    expect(credit.body.total_cost.excl_vat).toBe(-cdr.total_cost.excl_vat);
    expect(credit.body.id.length).toBeLessThanOrEqual(39);
    expect((await pair.cpo.api('POST', `/parties/NL-CPO/cdrs/${cdr.id}/credit`, {})).status).toBe(409);
    expect((await pair.cpo.api('POST', `/parties/NL-CPO/cdrs/${cdr.id}-C/credit`, {})).status).toBe(400);
    await pair.cpo.deliver();
    expect((await accepted()).find((a) => a.cdr.id === `${cdr.id}-C`)?.credits_seq).toBe(original.seq);

    // A second credit of the same CDR, sent by hand, would credit more than it cost.
    const twice = await post({ ...credit.body, id: `${cdr.id}-C2` });
    expect(twice.body.status_message).toMatch(/only 0 of CDR .* is left to credit/);
    const orphan = await post({ ...credit.body, id: 'ORPHAN-C', credit_reference_id: 'NO-SUCH-CDR' });
    expect(orphan.body.status_message).toMatch(/^Invalid field credit_reference_id/);
  });

  it("lists on the Sender interface only the calling partner's CDRs, and an eMSP pull takes them once", async () => {
    const otherToken = await pair.otherPartner('cpo', 'EMSP', { countryCode: 'FR', partyId: 'OT2' });
    await chargedSession();
    const ours = await pair.cpo.ocpi<CDR[]>('GET', 'sender/cdrs?limit=100', pair.emspToken);
    expect(ours.body.data!.length).toBeGreaterThan(0);
    expect(ours.body.data!.every((c) => c.cdr_token.party_id === 'MSP')).toBe(true);
    expect(ours.headers['x-limit']).toBe('2');
    const theirs = await pair.cpo.ocpi<CDR[]>('GET', 'sender/cdrs', otherToken);
    expect(theirs.body.data).toEqual([]);
    expect(theirs.headers['x-total-count']).toBe('0');

    const before = await accepted();
    const peerId = (await pair.emsp.api<Array<{ id: string }>>('GET', '/peers')).body[0]!.id;
    const pulled = await pair.emsp.api<{ received: number; refused: unknown[] }>('POST', `/peers/${peerId}/pull`, { module: 'cdrs' });
    expect(pulled.body.refused).toEqual([]);
    expect(pulled.body.received).toBe(Number(ours.headers['x-total-count']));
    expect(await accepted()).toEqual(before);
  });
});
