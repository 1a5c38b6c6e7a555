import type { FastifyBaseLogger } from 'fastify';
import { parseOcpiDateTime } from '../ocpi/datetime.js';
import { formatParty, type PartyRef } from '../ocpi/headers.js';
import type { PageRequest, PageResult } from '../ocpi/pagination.js';
import type { PartnerObjectRepository } from '../partner-data/partner-object-repository.js';
import type { RoutedModule } from './hub-interfaces.js';

type Json = Record<string, unknown>;

/** A push that passed through the hub, as it reached (or was meant to reach) one recipient. */
export interface PushedWrite {
  recipient: PartyRef;
  module: RoutedModule;
  method: string;
  /** Path segments below the module's Receiver endpoint: `[cc, pid, id, …]`, or none for a CDR POST. */
  path: string[];
  query: URLSearchParams;
  body: unknown;
  /** The platform that pushed it. */
  peerId: string;
}

/**
 * What the hub holds of pushed objects, per recipient: a list addressed to the hub itself ("GET all
 * via a hub", OCPI 2.2.1 "Message routing") is answered from it, so each party sees what was sent
 * to it and nothing else. PATCHes are applied to the held object as the receiver would (nested
 * EVSEs and Connectors, session charging periods appended); a write older than what is held, or a
 * PATCH of something not held, leaves it unchanged. Objects are kept as sent, never validated: the
 * hub is not their receiver.
 */
export class PushedObjects {
  /** The last write under way of each object: an object's writes are applied one after the other, in the order they came. */
  readonly #pending = new Map<string, Promise<void>>();

  constructor(
    private readonly objects: PartnerObjectRepository,
    private readonly log: Pick<FastifyBaseLogger, 'error'>,
  ) {}

  /**
   * Records a forwarded push without making its sender wait: the hub answers as soon as the
   * receiver has. `flush` waits for what is under way (before a list is read, and at shutdown).
   */
  keep(write: PushedWrite): void {
    const object = write.module === 'cdrs' ? '' : write.path.slice(0, 3).join('/');
    const key = `${formatParty(write.recipient)}|${write.module}|${object}`.toUpperCase();
    const next = (this.#pending.get(key) ?? Promise.resolve())
      .then(() => this.record(write))
      .catch((error: unknown) => this.log.error({ err: error, module: write.module, object }, 'a push through the hub was not kept for lists of the hub'));
    this.#pending.set(key, next);
    void next.then(() => {
      if (this.#pending.get(key) === next) this.#pending.delete(key);
    });
  }

  async flush(): Promise<void> {
    await Promise.all([...this.#pending.values()]);
  }

  async record(write: PushedWrite): Promise<void> {
    if (!isObject(write.body) && write.method !== 'DELETE') return;
    const body = (write.body ?? {}) as Json;
    const [countryCode, partyId, id, ...nested] = write.module === 'cdrs' ? [str(body.country_code), str(body.party_id), str(body.id)] : write.path;
    const children = nested.filter((segment): segment is string => segment !== undefined);
    if (!countryCode || !partyId || !id) return;
    const key = { local: write.recipient, module: storeModule(write.module), owner: { countryCode, partyId }, id, ...(write.module === 'tokens' ? { type: write.query.get('type') ?? 'RFID' } : {}) };

    if (write.method === 'DELETE') {
      if (children.length === 0) await this.objects.delete(key);
      return;
    }
    const lastUpdated = instant(body.last_updated);
    if (!lastUpdated) return;
    if ((write.method === 'PUT' || write.method === 'POST') && children.length === 0) {
      await this.objects.put(key, body, lastUpdated, write.peerId);
      return;
    }
    const held = await this.objects.get(key);
    if (!held || (children.length === 0 && lastUpdated.getTime() < new Date(held.last_updated).getTime())) return;
    const merged = write.module === 'locations' && children.length > 0 ? mergeNested(held.data, children, write.method, body) : mergeObject(write.module, held.data, body);
    if (merged) await this.objects.put(key, merged, later(held.last_updated, lastUpdated), write.peerId);
  }

  /**
   * A page of the objects of `owners` that `holders` hold (a recipient's pushes, the hub's own
   * pulled copies), each once in its newest copy, in the order they first arrived.
   */
  async list(holders: readonly PartyRef[], module: RoutedModule, owners: readonly PartyRef[], page: PageRequest): Promise<PageResult<Json>> {
    const result = await this.objects.listNewest(holders, storeModule(module), page, owners);
    return { items: result.items.map((row) => row.data), total: result.total };
  }
}

/** The `partner_object` module of what the hub holds of a routed module, apart from what its own parties receive. */
export function storeModule(module: RoutedModule): string {
  return `hub:${module}`;
}

/** A PATCH of a whole object: its fields replace the held ones, a session's charging periods are appended. */
function mergeObject(module: RoutedModule, held: Json, patch: Json): Json {
  const merged = { ...held, ...patch };
  if (module === 'sessions' && Array.isArray(patch.charging_periods)) {
    const periods = Array.isArray(held.charging_periods) ? [...(held.charging_periods as Json[])] : [];
    for (const period of patch.charging_periods as Json[]) {
      const start = instant(period.start_date_time)?.getTime();
      if (!periods.some((p) => instant(p.start_date_time)?.getTime() === start)) periods.push(period);
    }
    merged.charging_periods = periods;
  }
  return merged;
}

/** A PUT or PATCH of one EVSE (`[evse_uid]`) or Connector (`[evse_uid, connector_id]`) of a held Location. */
function mergeNested(location: Json, nested: string[], method: string, body: Json): Json | null {
  const [evseUid, connectorId] = nested;
  const evses = Array.isArray(location.evses) ? (location.evses as Json[]) : [];
  const evse = evses.find((e) => same(e.uid, evseUid));
  const stamp = str(body.last_updated)!;
  let updated: Json;
  if (connectorId === undefined) {
    if (evse && isOlder(body.last_updated, evse.last_updated)) return null;
    if (!evse && method === 'PATCH') return null;
    updated = method === 'PUT' ? body : { ...evse, ...body };
  } else {
    if (!evse) return null;
    const connectors = Array.isArray(evse.connectors) ? (evse.connectors as Json[]) : [];
    const connector = connectors.find((c) => same(c.id, connectorId));
    if (connector && isOlder(body.last_updated, connector.last_updated)) return null;
    if (!connector && method === 'PATCH') return null;
    const replaced = method === 'PUT' ? body : { ...connector, ...body };
    const list = connector ? connectors.map((c) => (c === connector ? replaced : c)) : [...connectors, replaced];
    updated = { ...evse, connectors: list, last_updated: laterText(evse.last_updated, stamp) };
  }
  const list = evse ? evses.map((e) => (e === evse ? updated : e)) : [...evses, updated];
  return { ...location, evses: list, last_updated: laterText(location.last_updated, stamp) };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function same(a: unknown, b: string | undefined): boolean {
  return typeof a === 'string' && b !== undefined && a.toUpperCase() === b.toUpperCase();
}

function instant(value: unknown): Date | null {
  return typeof value === 'string' ? parseOcpiDateTime(value) : null;
}

function isOlder(candidate: unknown, held: unknown): boolean {
  const a = instant(candidate);
  const b = instant(held);
  return a !== null && b !== null && a.getTime() < b.getTime();
}

function later(a: Date, b: Date): Date {
  return new Date(Math.max(new Date(a).getTime(), b.getTime()));
}

function laterText(held: unknown, candidate: string): string {
  return typeof held === 'string' && isOlder(candidate, held) ? held : candidate;
}
