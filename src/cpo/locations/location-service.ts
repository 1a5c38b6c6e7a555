import { ciEquals } from '../../ids/ci-string.js';
import { formatOcpiDateTime } from '../../ocpi/datetime.js';
import type { PartyRef } from '../../ocpi/headers.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import type { PageRequest, PageResult } from '../../ocpi/pagination.js';
import type { Connector, EVSE, Location, Status } from '../../ocpi/types/locations.js';
import { parseOcpi, type FieldProblem } from '../../ocpi/validation.js';
import { enqueue } from '../../outbox/outbox.js';
import type { OutboxMessage } from '../../outbox/outbox-message.js';
import type { Database } from '../../store/database.js';
import { audienceOf, emspPartiesOf, type EmspParty } from './location-audience.js';
import { planLocationChange, type LocationChange, type PushStep } from './location-change.js';
import { ConnectorInput, EvseInput, LocationInput, StatusInput } from './location-input.js';
import { LocationRepository } from './location-repository.js';
import { at, locationProblems, ownOperatorId, rejectProblems, type LocationRules } from './location-rules.js';

export type WriteOutcome = 'created' | 'updated' | 'unchanged';

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
}

export interface LocationServiceOptions {
  /** Operator ids a party's evse_ids may carry; by default only its own (see LocationRules). */
  evseOperators?: (party: PartyRef) => readonly string[];
}

/** How one write turns the stored Location into the next version. */
interface LocationEdit {
  id: string;
  /** Throws OcpiError for what cannot be done (unknown EVSE, bad body). */
  next(previous: Location | null): LocationInput;
  /** Where the operator's object sits in the Location (`evses[2]`), so errors name its own fields. */
  focus?(next: LocationInput): string;
  /** Prefix of every field name in errors: `[3]` for the fourth Location of an import. */
  root?: string;
}

const OUTBOX_CHUNK = 1000;

/**
 * A CPO party's Locations, EVSEs and Connectors: validated, stored, and pushed to every eMSP
 * partner allowed to see them, in the transaction that makes the change (the outbox delivers
 * after commit). Other modules call {@link setEvseStatus} when a charger reports a new status.
 */
export class LocationService {
  readonly #evseOperators: (party: PartyRef) => readonly string[];

  constructor(
    private readonly db: Database,
    private readonly wakeOutbox: () => void,
    options: LocationServiceOptions = {},
  ) {
    this.#evseOperators = options.evseOperators ?? ((party) => [ownOperatorId(party)]);
  }

  get(party: PartyRef, id: string): Promise<Location | null> {
    return new LocationRepository(this.db).get(owner(party), id);
  }

  list(party: PartyRef, page: PageRequest): Promise<PageResult<Location>> {
    return new LocationRepository(this.db).list(owner(party), page);
  }

  /** The Sender list of `caller` (an eMSP party): only what it may see (location-audience.ts). */
  listFor(party: PartyRef, caller: PartyRef, page: PageRequest): Promise<PageResult<Location>> {
    return new LocationRepository(this.db).listVisible(owner(party), caller, page);
  }

  getFor(party: PartyRef, caller: PartyRef, id: string): Promise<Location | null> {
    return new LocationRepository(this.db).getVisible(owner(party), caller, id);
  }

  async putLocation(party: PartyRef, id: string, body: unknown): Promise<{ location: Location; outcome: WriteOutcome }> {
    const input = parseOcpi(LocationInput, withId(body, 'id', id));
    const [result] = await this.write(party, [{ id, next: () => input }]);
    return { location: result!.change.location, outcome: result!.outcome };
  }

  async putEvse(party: PartyRef, locationId: string, evseUid: string, body: unknown): Promise<{ evse: EVSE; outcome: WriteOutcome }> {
    const input = parseOcpi(EvseInput, withId(body, 'uid', evseUid));
    let created = false;
    const [result] = await this.write(party, [
      {
        id: locationId,
        next: (previous) => {
          const location = existing(previous, locationId);
          created = !findEvse(location, evseUid);
          return { ...location, evses: created ? [...(location.evses ?? []), input] : location.evses!.map((e) => (ciEquals(e.uid, evseUid) ? input : e)) };
        },
        focus: (next) => `evses[${next.evses!.findIndex((e) => ciEquals(e.uid, evseUid))}]`,
      },
    ]);
    const outcome = created ? 'created' : result!.change.changed ? 'updated' : 'unchanged';
    return { evse: findEvse(result!.change.location, evseUid)!, outcome };
  }

  async putConnector(party: PartyRef, locationId: string, evseUid: string, connectorId: string, body: unknown): Promise<{ connector: Connector; outcome: WriteOutcome }> {
    const input = parseOcpi(ConnectorInput, withId(body, 'id', connectorId));
    let created = false;
    const [result] = await this.write(party, [
      {
        id: locationId,
        next: (previous) =>
          withEvse(existing(previous, locationId), evseUid, (evse) => {
            created = !evse.connectors.some((c) => ciEquals(c.id, connectorId));
            return { ...evse, connectors: created ? [...evse.connectors, input] : evse.connectors.map((c) => (ciEquals(c.id, connectorId) ? input : c)) };
          }),
        focus: (next) => {
          const i = next.evses!.findIndex((e) => ciEquals(e.uid, evseUid));
          return `evses[${i}].connectors[${next.evses![i]!.connectors.findIndex((c) => ciEquals(c.id, connectorId))}]`;
        },
      },
    ]);
    const outcome = created ? 'created' : result!.change.changed ? 'updated' : 'unchanged';
    const connector = findEvse(result!.change.location, evseUid)!.connectors.find((c) => ciEquals(c.id, connectorId))!;
    return { connector, outcome };
  }

  /**
   * A charger's new EVSE status: stored with a fresh `last_updated` on the EVSE and its Location,
   * and sent to partners as a PATCH of the EVSE carrying `status` and `last_updated`. The same
   * status again changes and sends nothing.
   */
  async setEvseStatus(party: PartyRef, locationId: string, evseUid: string, status: Status): Promise<EVSE> {
    const checked = parseOcpi(StatusInput, { status }).status;
    const [result] = await this.write(party, [{ id: locationId, next: (previous) => withEvse(existing(previous, locationId), evseUid, (evse) => ({ ...evse, status: checked })) }]);
    return findEvse(result!.change.location, evseUid)!;
  }

  /** EVSEs are never deleted (OCPI 2.2.1 "Locations"): removing one sets its status to REMOVED. */
  removeEvse(party: PartyRef, locationId: string, evseUid: string): Promise<EVSE> {
    return this.setEvseStatus(party, locationId, evseUid, 'REMOVED');
  }

  /**
   * There is no way to delete a Location in OCPI: every EVSE becomes REMOVED, and partners then
   * treat the Location as expired. It stays in the Sender list so a partner's delta pull learns it.
   */
  async removeLocation(party: PartyRef, locationId: string): Promise<Location> {
    const removeAll = (previous: Location | null): LocationInput => {
      const location = existing(previous, locationId);
      return { ...location, evses: (location.evses ?? []).map((e) => ({ ...e, status: 'REMOVED' as const })) };
    };
    const [result] = await this.write(party, [{ id: locationId, next: removeAll }]);
    return result!.change.location;
  }

  /** A connector leaves its EVSE, which partners receive as a PUT of the EVSE without it. */
  async removeConnector(party: PartyRef, locationId: string, evseUid: string, connectorId: string): Promise<EVSE> {
    const [result] = await this.write(party, [
      {
        id: locationId,
        next: (previous) =>
          withEvse(existing(previous, locationId), evseUid, (evse) => {
            if (!evse.connectors.some((c) => ciEquals(c.id, connectorId))) throw OcpiError.notFound(`EVSE ${evseUid} has no connector ${connectorId}`);
            if (evse.connectors.length === 1) throw OcpiError.invalid('Invalid field connectors: an EVSE keeps at least one connector; set the EVSE status to REMOVED instead');
            return { ...evse, connectors: evse.connectors.filter((c) => !ciEquals(c.id, connectorId)) };
          }),
      },
    ]);
    return findEvse(result!.change.location, evseUid)!;
  }

  /**
   * Creates or replaces many Locations in one transaction: one bad Location writes nothing and
   * the error names it and its field, e.g. `[3].evses[0].evse_id`.
   */
  async importLocations(party: PartyRef, items: readonly unknown[]): Promise<ImportSummary> {
    const rules = this.rulesFor(party);
    const inputs = items.map((item, i) => {
      const input = parseOcpi(LocationInput, item, `[${i}]`);
      rejectProblems(locationProblems(input, rules, `[${i}]`));
      return input;
    });
    const firstIndex = new Map<string, number>();
    inputs.forEach((input, i) => {
      const first = firstIndex.get(input.id.toUpperCase());
      if (first !== undefined) throw OcpiError.invalid(`Invalid field [${i}].id: ${JSON.stringify(input.id)} is already the id of [${first}]`);
      firstIndex.set(input.id.toUpperCase(), i);
    });
    const results = await this.write(
      party,
      inputs.map((input, i) => ({ id: input.id, next: () => input, root: `[${i}]` })),
    );
    const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0 };
    for (const r of results) summary[r.outcome]++;
    return summary;
  }

  /** The one write path: lock, edit, validate, stamp, store and queue pushes, all or nothing. */
  private async write(party: PartyRef, edits: readonly LocationEdit[]): Promise<Array<{ change: LocationChange; outcome: WriteOutcome }>> {
    const local = owner(party);
    const rules = this.rulesFor(local);
    const now = formatOcpiDateTime(new Date());
    let queued = 0;
    const results = await this.db.transaction().execute(async (trx) => {
      const repository = new LocationRepository(trx);
      const stored = await repository.lockMany(local, edits.map((e) => e.id));
      const partners = await emspPartiesOf(trx, local);
      const changed: Location[] = [];
      const messages: OutboxMessage[] = [];
      const out: Array<{ change: LocationChange; outcome: WriteOutcome }> = [];
      for (const edit of edits) {
        const previous = stored.get(edit.id.toUpperCase()) ?? null;
        const next = edit.next(previous);
        const focus = edit.focus?.(next) ?? '';
        rejectProblems(locationProblems(next, rules, '').map((p) => relativeTo(p, focus, edit.root ?? '')));
        const change = planLocationChange(previous, next, local, now, edit.root);
        out.push({ change, outcome: !previous ? 'created' : change.changed ? 'updated' : 'unchanged' });
        if (!change.changed) continue;
        changed.push(change.location);
        messages.push(...(await this.pushes(trx, local, previous, change, partners)));
      }
      await repository.save(changed);
      for (let i = 0; i < messages.length; i += OUTBOX_CHUNK) await enqueue(trx, messages.slice(i, i + OUTBOX_CHUNK));
      queued = messages.length;
      return out;
    });
    if (queued > 0) this.wakeOutbox();
    return results;
  }

  /**
   * A partner that could see the previous version gets the change steps (even when it may no
   * longer see the Location, so it learns `publish: false`); one that may see it only now gets
   * the whole Location as a PUT.
   */
  private async pushes(trx: Database, local: PartyRef, previous: Location | null, change: LocationChange, partners: readonly EmspParty[]): Promise<OutboxMessage[]> {
    const before = previous ? await audienceOf(trx, local, previous, partners) : [];
    const after = await audienceOf(trx, local, change.location, partners);
    const location = change.location;
    const fullPut: PushStep = { method: 'PUT', kind: 'location.put', path: [location.id], body: location };
    const messages: OutboxMessage[] = [];
    for (const partner of partners) {
      const steps = before.includes(partner) ? change.steps : after.includes(partner) ? [fullPut] : [];
      for (const step of steps) {
        messages.push({
          peerId: partner.peerId,
          kind: step.kind,
          module: 'locations',
          interfaceRole: 'RECEIVER',
          method: step.method,
          path: [location.country_code, location.party_id, ...step.path],
          body: step.body,
          from: local,
          to: partner.party,
          reference: location.id,
        });
      }
    }
    return messages;
  }

  private rulesFor(party: PartyRef): LocationRules {
    const local = owner(party);
    return { owner: local, evseOperators: this.#evseOperators(local).map((id) => id.toUpperCase()) };
  }
}

/** Our party as stored and sent: upper case, as OCPI's CiString comparison allows. */
function owner(party: PartyRef): PartyRef {
  return { countryCode: party.countryCode.toUpperCase(), partyId: party.partyId.toUpperCase() };
}

/** The URL names the object; an id in the body must agree with it. */
function withId(body: unknown, field: string, id: string): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw OcpiError.invalid('Invalid field (body): expected a JSON object');
  const given = (body as Record<string, unknown>)[field];
  if (given !== undefined && given !== null && (typeof given !== 'string' || !ciEquals(given, id))) {
    throw OcpiError.invalid(`Invalid field ${field}: ${JSON.stringify(given)} does not match the URL's ${JSON.stringify(id)}`);
  }
  return { ...(body as Record<string, unknown>), [field]: id };
}

function existing(previous: Location | null, id: string): Location {
  if (!previous) throw OcpiError.notFound(`No location ${id}`);
  return previous;
}

function findEvse(location: Location, uid: string): EVSE | undefined {
  return location.evses?.find((e) => ciEquals(e.uid, uid));
}

function withEvse(location: Location, uid: string, edit: (evse: EVSE) => EvseInput): LocationInput {
  if (!findEvse(location, uid)) throw OcpiError.notFound(`Location ${location.id} has no EVSE ${uid}`);
  return { ...location, evses: location.evses!.map((e) => (ciEquals(e.uid, uid) ? edit(e) : e)) };
}

/** `evses[2].evse_id` → `evse_id` when the operator sent EVSE `evses[2]` alone; then the import's `[3].` prefix. */
function relativeTo(problem: FieldProblem, focus: string, root: string): FieldProblem {
  const field = focus && problem.field.startsWith(`${focus}.`) ? problem.field.slice(focus.length + 1) : problem.field;
  return { ...problem, field: at(root, field) };
}
