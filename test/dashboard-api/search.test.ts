import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDR } from '../../src/ocpi/types/cdrs.js';
import type { Session } from '../../src/ocpi/types/sessions.js';
import type { Token } from '../../src/ocpi/types/tokens.js';
import { after, LOCATION, startBody, startPair, TOKEN, type Pair } from '../sessions/pair.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

const postgres = backends.find((b) => b.name === 'postgres')!;
const START = '2025-05-06T08:00:00.000Z';

/** Tokens the eMSP issues next to the pair's driver token (04A2B3C4D5E680, contract DE-MSP-C00012345-T). */
const FLEET = { uid: '04B1C2D3E4F501', type: 'RFID', contract_id: 'DE-MSP-C00099999-Q', visual_number: 'Fleet card 7' };
const APP = { uid: 'driver-anna-app', type: 'APP_USER', contract_id: 'DE-MSP-C00055555-U' };
const SPARE = { uid: '04C9D8E7F6A502', type: 'RFID', contract_id: 'DE-MSP-C00012399-K' };

interface IssuedCdr {
  cdr: CDR;
}
interface ReceivedCdr {
  cdr: CDR;
}
interface ReceivedSession {
  session: Session;
}
interface ErrorBody {
  error: { status: number; message: string; field?: string };
}

/**
 * Server-side search (`q`) of the admin lists the console searches: part of an id, without case,
 * on PostgreSQL, paged like every admin list (`offset`, `limit`, `x-total-count`).
 */
describe('searching the admin lists with q', () => {
  let pair: Pair;
  let harbour: Session;
  let station: Session;
  let harbourCdr: CDR;
  let creditId: string;

  const list = async <T>(side: 'cpo' | 'emsp', path: string) => {
    const reply = await pair[side].api<T[]>('GET', path);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return { items: reply.body, total: Number(reply.headers['x-total-count']) };
  };

  beforeAll(async () => {
    pair = await startPair(postgres);
    for (const token of [FLEET, APP, SPARE]) {
      const issued = await pair.emsp.api('POST', '/parties/DE-MSP/tokens', token);
      if (issued.status !== 201) throw new Error(JSON.stringify(issued.body));
    }
    const charge = async (overrides: Record<string, unknown>, kwh: number) => {
      const started = await pair.cpo.api<Session>('POST', '/parties/NL-CPO/sessions', startBody(START, overrides));
      if (started.status !== 201) throw new Error(JSON.stringify(started.body));
      const stopped = await pair.cpo.api<{ cdr: CDR }>('POST', `/parties/NL-CPO/sessions/${started.body.id}/stop`, { at: after(START, 30), meter_kwh: 1000 + kwh });
      if (stopped.status !== 200) throw new Error(JSON.stringify(stopped.body));
      return { session: started.body, cdr: stopped.body.cdr };
    };
    station = (await charge({ authorization_reference: 'AUTH-STATION' }, 4)).session;
    const atHarbour = await charge({ authorization_reference: 'AUTH-HARBOUR', cdr_token: { country_code: 'DE', party_id: 'MSP', ...FLEET }, location: { ...LOCATION, id: 'HARBOUR-7' } }, 6);
    harbour = atHarbour.session;
    harbourCdr = atHarbour.cdr;
    const credit = await pair.cpo.api<CDR>('POST', `/parties/NL-CPO/cdrs/${harbourCdr.id}/credit`, { remark: 'charger fault' });
    if (credit.status !== 201) throw new Error(JSON.stringify(credit.body));
    creditId = credit.body.id;
    // Tokens reach the CPO, sessions and CDRs the eMSP.
    await pair.emsp.deliver();
    await pair.cpo.deliver();
  });

  afterAll(async () => {
    await pair?.close();
    await dropTestSchemas();
  });

  it("finds the eMSP's tokens by part of the uid, contract id or visual number, in any case, and pages the matches", async () => {
    expect((await list<Token>('emsp', '/parties/DE-MSP/tokens?q=e4f5')).items.map((t) => t.uid)).toEqual([FLEET.uid]);
    expect((await list<Token>('emsp', '/parties/DE-MSP/tokens?q=anna')).items.map((t) => t.uid)).toEqual([APP.uid.toUpperCase()]);
    expect((await list<Token>('emsp', '/parties/DE-MSP/tokens?q=FLEET%20CARD')).items.map((t) => t.uid)).toEqual([FLEET.uid]);

    // C000123 is in two contract ids: one page of one, then the other; the total counts both.
    const first = await list<Token>('emsp', '/parties/DE-MSP/tokens?q=c000123&limit=1');
    const second = await list<Token>('emsp', '/parties/DE-MSP/tokens?q=c000123&limit=1&offset=1');
    expect([first.total, second.total]).toEqual([2, 2]);
    expect([...first.items, ...second.items].map((t) => t.uid)).toEqual([TOKEN.uid, SPARE.uid]);
    // Combined with the validity filter, and a blank q is no filter.
    expect((await list<Token>('emsp', '/parties/DE-MSP/tokens?q=c000123&valid=false')).total).toBe(0);
    expect((await list<Token>('emsp', '/parties/DE-MSP/tokens?q=%20%20')).total).toBe(4);
  });

  it('takes the search text literally: % and _ are not wildcards', async () => {
    expect((await list<Token>('emsp', '/parties/DE-MSP/tokens?q=%25')).total).toBe(0);
    expect((await list<Token>('emsp', '/parties/DE-MSP/tokens?q=C_001')).total).toBe(0);
    expect((await list<Token>('emsp', '/parties/DE-MSP/tokens?q=driver-anna')).total).toBe(1);
  });

  it("finds the CPO's sessions by part of the session id, the token uid or the location id", async () => {
    const ids = async (q: string) => (await list<Session>('cpo', `/parties/NL-CPO/sessions?q=${encodeURIComponent(q)}`)).items.map((s) => s.id);
    expect(await ids(harbour.id.slice(-10).toLowerCase())).toEqual([harbour.id]);
    expect(await ids('04b1c2')).toEqual([harbour.id]);
    expect(await ids('harbour')).toEqual([harbour.id]);
    expect(await ids('LOC-1')).toEqual([station.id]);
    expect(await ids('no such session')).toEqual([]);
  });

  it("finds the CPO's CDRs by CDR id or session id: a credit shares its session", async () => {
    const ids = async (q: string) => (await list<IssuedCdr>('cpo', `/parties/NL-CPO/cdrs?q=${encodeURIComponent(q)}`)).items.map((c) => c.cdr.id);
    expect(await ids(creditId.toLowerCase())).toEqual([creditId]);
    expect((await ids(harbour.id)).sort()).toEqual([harbourCdr.id, creditId].sort());
    const paged = await list<IssuedCdr>('cpo', `/parties/NL-CPO/cdrs?q=${harbour.id}&limit=1&offset=1`);
    expect(paged).toMatchObject({ total: 2, items: [{ cdr: { id: creditId } }] });
  });

  it('finds the sessions the eMSP received by part of the session id, the token uid or the location id, and pages the matches', async () => {
    const ids = async (q: string) => (await list<ReceivedSession>('emsp', `/parties/DE-MSP/received/sessions?q=${encodeURIComponent(q)}`)).items.map((r) => r.session.id);
    expect(await ids(harbour.id.slice(-10).toLowerCase())).toEqual([harbour.id]);
    expect(await ids('04b1c2')).toEqual([harbour.id]);
    expect(await ids('harbour')).toEqual([harbour.id]);
    expect(await ids('LOC-1')).toEqual([station.id]);
    expect(await ids('%')).toEqual([]);
    expect(await ids('no such session')).toEqual([]);

    // Both token uids start 04: one page of one, then the other; the total counts both. Pages
    // follow arrival at the eMSP, which the outbox does not order across sessions.
    const first = await list<ReceivedSession>('emsp', '/parties/DE-MSP/received/sessions?q=04&limit=1');
    const second = await list<ReceivedSession>('emsp', '/parties/DE-MSP/received/sessions?q=04&limit=1&offset=1');
    expect([first.total, second.total]).toEqual([2, 2]);
    expect([...first.items, ...second.items].map((r) => r.session.id).sort()).toEqual([station.id, harbour.id].sort());
  });

  it('finds the CDRs the eMSP received by CDR id or session id', async () => {
    const ids = async (q: string) => (await list<ReceivedCdr>('emsp', `/parties/DE-MSP/received/cdrs?q=${encodeURIComponent(q)}`)).items.map((c) => c.cdr.id);
    expect((await ids(harbour.id.toLowerCase())).sort()).toEqual([harbourCdr.id, creditId].sort());
    expect(await ids(station.id)).toEqual([station.id]);
    expect(await ids('nothing-like-it')).toEqual([]);
  });

  it('shows the CPO the tokens the eMSP pushed, searchable, and a block arriving', async () => {
    const held = async (q: string) => (await list<Token>('cpo', `/parties/NL-CPO/partner-tokens?q=${encodeURIComponent(q)}`)).items;
    expect((await list<Token>('cpo', '/parties/NL-CPO/partner-tokens')).total).toBe(4);
    expect((await held('fleet card')).map((t) => [t.uid, t.valid, t.whitelist])).toEqual([[FLEET.uid, true, 'ALLOWED']]);
    expect((await held('C000123')).map((t) => t.uid)).toEqual([TOKEN.uid, SPARE.uid]);

    expect((await pair.emsp.api('POST', `/parties/DE-MSP/tokens/${FLEET.uid}/block?type=RFID`, { reason: 'BLOCKED' })).status).toBe(200);
    await pair.emsp.deliver();
    expect((await held(FLEET.uid)).map((t) => t.valid)).toEqual([false]);
  });

  it('refuses a q longer than 100 characters, or given twice, naming q, on every searchable list', async () => {
    const long = 'x'.repeat(101);
    const lists: Array<['cpo' | 'emsp', string]> = [
      ['emsp', '/parties/DE-MSP/tokens'],
      ['emsp', '/parties/DE-MSP/received/cdrs'],
      ['emsp', '/parties/DE-MSP/received/sessions'],
      ['cpo', '/parties/NL-CPO/sessions'],
      ['cpo', '/parties/NL-CPO/cdrs'],
      ['cpo', '/parties/NL-CPO/partner-tokens'],
    ];
    for (const [side, path] of lists) {
      for (const query of [`q=${long}`, 'q=a&q=b']) {
        const refused = await pair[side].api<ErrorBody>('GET', `${path}?${query}`);
        expect(refused.status, `${path}?${query.slice(0, 10)}`).toBe(400);
        expect(refused.body.error.field, path).toBe('q');
      }
      // Exactly 100 is fine.
      expect((await pair[side].api('GET', `${path}?q=${'x'.repeat(100)}`)).status, path).toBe(200);
    }
  });
});
