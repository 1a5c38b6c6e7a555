import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutboxMessage } from '../../src/outbox/outbox-message.js';
import type { Database } from '../../src/store/database.js';

export const CPO = { countryCode: 'NL', partyId: 'CPO' };
export const EMSP = { countryCode: 'DE', partyId: 'MSP' };

/** A request as the partner received it. */
export interface Arrival {
  method: string;
  /** The path below the partner's sessions endpoint, e.g. `NL/CPO/S1`. */
  path: string;
  /** The receiving party named by the OCPI-to-* routing headers, e.g. `DE-MSP`. */
  to: string;
  body: { seq?: number } | undefined;
  /** Whether the sender still waits for the answer (it gives up after its request timeout). */
  isOpen(): boolean;
}

/** What the partner answers: an OCPI status (1000 when left out) with an HTTP status (200 when left out). */
export interface Answer {
  ocpiStatus?: number;
  httpStatus?: number;
}

/**
 * A partner platform on a real port: every OCPI request goes to `answer`, which may hold it open
 * for as long as it likes; a request the client gave up on is dropped.
 */
export class PartnerReceiver {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(answer: (arrival: Arrival) => Promise<Answer>): Promise<PartnerReceiver> {
    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const arrival: Arrival = {
          method: request.method ?? '',
          path: (request.url ?? '').replace(/^\/sessions\//, '').split('?')[0]!,
          to: `${String(request.headers['ocpi-to-country-code'])}-${String(request.headers['ocpi-to-party-id'])}`,
          body: text ? (JSON.parse(text) as Arrival['body']) : undefined,
          isOpen: () => !response.writableEnded && !response.destroyed,
        };
        void answer(arrival).then(({ ocpiStatus = 1000, httpStatus = 200 }) => {
          if (response.destroyed) return;
          response.writeHead(httpStatus, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ status_code: ocpiStatus, timestamp: new Date().toISOString() }));
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new PartnerReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A registered partner whose Sessions Receiver is `receiver`, holding the eMSP parties `parties`. */
export async function addPeer(db: Database, id: string, receiver: PartnerReceiver, parties: Array<{ countryCode: string; partyId: string }> = [EMSP]): Promise<void> {
  const now = new Date();
  await db
    .insertInto('peer')
    .values({
      id,
      local_country_code: CPO.countryCode,
      local_party_id: CPO.partyId,
      status: 'REGISTERED',
      incoming_token_hash: `hash-${id}`,
      pending_token_hash: null,
      outgoing_token: `token-${id}`,
      outgoing_token_encoding: 'base64',
      versions_url: `${receiver.url}/versions`,
      version: '2.2.1',
      endpoints: JSON.stringify([{ identifier: 'sessions', role: 'RECEIVER', url: `${receiver.url}/sessions` }]),
      roles: JSON.stringify(parties.map((p) => ({ role: 'EMSP', country_code: p.countryCode, party_id: p.partyId, business_details: { name: `${p.countryCode}-${p.partyId}` } }))),
      updated_at: now,
      registered_at: now,
      last_contact_at: null,
    })
    .execute();
}

/** Message `seq` about session `sessionId`: its PUT when seq is 1, a PATCH after that. */
export function sessionMessage(peerId: string, sessionId: string, seq: number, to = EMSP): OutboxMessage {
  return {
    peerId,
    kind: seq === 1 ? 'session.put' : 'session.patch',
    module: 'sessions',
    interfaceRole: 'RECEIVER',
    method: seq === 1 ? 'PUT' : 'PATCH',
    path: [CPO.countryCode, CPO.partyId, sessionId],
    body: { seq },
    from: CPO,
    to,
    reference: `${sessionId}#${seq}`,
  };
}

/** A promise with its resolve function, for a receiver that holds a request until something happens. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Holds the requests labelled `labels` until all of them are in at once: then they are answered.
 * A sender that sends them one after another never gets an answer to the first (it times out),
 * and `overlapped` stays false.
 */
export class Rendezvous {
  overlapped = false;
  readonly #arrived = new Map<string, Arrival>();
  readonly #met = deferred();

  constructor(private readonly labels: readonly string[]) {}

  async arrive(label: string, arrival: Arrival): Promise<void> {
    if (!this.labels.includes(label) || this.overlapped) return;
    this.#arrived.set(label, arrival);
    if (this.labels.every((l) => this.#arrived.get(l)?.isOpen())) {
      this.overlapped = true;
      this.#met.resolve();
    }
    await this.#met.promise;
  }
}
