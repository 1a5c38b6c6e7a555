import { ApiError } from '../../api/api-error.js';
import { ciEquals } from '../../ids/ci-string.js';
import type { PartyRef } from '../../ocpi/headers.js';
import type { EVSE } from '../../ocpi/types/locations.js';
import type { StoredConnectorMapping } from '../../store/tables/charger-tables.js';
import type { LocationService } from '../locations/location-service.js';
import { hashChargerPassword, verifyChargerPassword } from './charger-password.js';
import type { ChargerRepository, ChargerRow, PendingChargerRow } from './charger-repository.js';
import { OCPP_PLACE } from './connector-mapping.js';

/**
 * What an operator registers: the charge box identity (the last segment of the charger's URL),
 * the Location and EVSE it serves, which OCPP place is which OCPI connector, and the password.
 */
export interface ChargerRegistration {
  id: string;
  location_id: string;
  evse_uid: string;
  /** OCPP place (`1`, `2.1`) → OCPI connector id; by default OCPP 1 is the EVSE's first connector. */
  connectors?: Record<string, string>;
  password?: string;
}

/**
 * OCPP 2.0.1 allows identities of up to 48 characters; ":" is allowed because some chargers use
 * it, "/" is not because the identity is a URL path segment.
 */
const CHARGE_BOX_ID = /^[A-Za-z0-9._*:-]{1,48}$/;

/** More unknown chargers than this are refused even with auto-registration on: the URL is open to anyone. */
export const MAX_PENDING_CHARGERS = 1000;

export interface ChargerRegistryOptions {
  /** The CPO party unknown chargers are held Pending for (`chargerAutoRegistration`); null refuses them. */
  autoRegistration: PartyRef | null;
  /** A charger held Pending was mapped: its connection, admitted without the registered charger's rules, must end. */
  accepted(identity: string): void;
}

/**
 * The chargers of our CPO parties and where they sit. A charger may serve several EVSEs of one
 * Location: registering it again for another EVSE adds that EVSE's connectors. An EVSE is served
 * by one charger. With auto-registration, unknown chargers that connect are recorded as pending
 * until an operator registers them like any other charger.
 */
export class ChargerRegistry {
  constructor(
    private readonly repository: ChargerRepository,
    private readonly locations: LocationService,
    private readonly options: ChargerRegistryOptions,
  ) {}

  async register(party: PartyRef, input: ChargerRegistration): Promise<ChargerRow> {
    if (typeof input.id !== 'string' || !CHARGE_BOX_ID.test(input.id)) throw new ApiError(400, 'Invalid field id: 1 to 48 characters of letters, digits and . _ * : -', 'id');
    if (input.password !== undefined && (typeof input.password !== 'string' || input.password.length < 8 || input.password.length > 64)) {
      throw new ApiError(400, 'Invalid field password: 8 to 64 characters', 'password');
    }
    const evse = await this.evseOf(party, input.location_id, input.evse_uid);
    const mappings = mappingsFor(evse, input.connectors);

    const existing = await this.repository.getCharger(input.id);
    if (existing && (existing.country_code !== party.countryCode.toUpperCase() || existing.party_id !== party.partyId.toUpperCase())) {
      throw new ApiError(409, `Charger ${input.id} is registered to another party`, 'id');
    }
    if (existing && !ciEquals(existing.location_id, input.location_id)) {
      throw new ApiError(400, `Invalid field location_id: charger ${input.id} serves location ${existing.location_id}`, 'location_id');
    }
    for (const other of await this.repository.chargersAt(party, input.location_id)) {
      if (ciEquals(other.charge_box_id, input.id)) continue;
      if (other.connectors.some((m) => ciEquals(m.evse_uid, evse.uid))) throw new ApiError(409, `EVSE ${evse.uid} is served by charger ${other.charge_box_id}`, 'evse_uid');
    }
    const places = new Set(mappings.map((m) => m.ocpp));
    const kept = (existing?.connectors ?? []).filter((m) => !ciEquals(m.evse_uid, evse.uid) && !places.has(m.ocpp));
    const passwordHash = input.password !== undefined ? await hashChargerPassword(Buffer.from(input.password, 'utf8')) : (existing?.password_hash ?? null);
    const pending = existing ? null : await this.repository.getPending(input.id);
    const saved = await this.repository.saveCharger({ chargeBoxId: existing?.charge_box_id ?? pending?.charge_box_id ?? input.id, party, locationId: existing?.location_id ?? input.location_id, connectors: [...kept, ...mappings], passwordHash });
    if (pending) this.options.accepted(saved.charge_box_id);
    return saved;
  }

  async get(party: PartyRef, id: string): Promise<ChargerRow | null> {
    const charger = await this.repository.getCharger(id);
    return charger && charger.country_code === party.countryCode.toUpperCase() && charger.party_id === party.partyId.toUpperCase() ? charger : null;
  }

  list(party: PartyRef): Promise<ChargerRow[]> {
    return this.repository.listChargers(party);
  }

  /** A charger of the party held Pending, or null. */
  async pending(party: PartyRef, id: string): Promise<PendingChargerRow | null> {
    const charger = await this.repository.getPending(id);
    return charger && charger.country_code === party.countryCode.toUpperCase() && charger.party_id === party.partyId.toUpperCase() ? charger : null;
  }

  listPending(party: PartyRef): Promise<PendingChargerRow[]> {
    return this.repository.listPending(party);
  }

  /** Removes a registered charger, or forgets one held Pending (it is recorded again if it connects again). */
  async remove(party: PartyRef, id: string): Promise<boolean> {
    return (await this.repository.deleteCharger(party, id)) || this.repository.deletePending(party, id);
  }

  /**
   * Whether a charger may connect: it must be registered, and when it has a password, present it
   * (OCPP security profile 1, and 2 over TLS: HTTP Basic with the identity as user name). A
   * charger registered without a password is admitted on its identity alone, for deployments
   * where a TLS proxy with client certificates vouches for it. With auto-registration an unknown
   * charger is admitted too, and recorded as pending: it is answered Pending until mapped.
   */
  async admit(identity: string, password: Buffer | undefined): Promise<boolean> {
    const charger = await this.repository.getCharger(identity);
    if (charger) return charger.password_hash === null || (password !== undefined && (await verifyChargerPassword(password, charger.password_hash)));
    const party = this.options.autoRegistration;
    if (!party || !CHARGE_BOX_ID.test(identity)) return false;
    if (!(await this.repository.getPending(identity)) && (await this.repository.countPending()) >= MAX_PENDING_CHARGERS) return false;
    await this.repository.savePending(identity, party);
    return true;
  }

  /** The charger serving an EVSE of a Location, with the EVSE's mappings. */
  async chargerServing(party: PartyRef, locationId: string, evseUid: string): Promise<{ charger: ChargerRow; mappings: StoredConnectorMapping[] } | null> {
    for (const charger of await this.repository.chargersAt(party, locationId)) {
      const mappings = charger.connectors.filter((m) => ciEquals(m.evse_uid, evseUid));
      if (mappings.length > 0) return { charger, mappings };
    }
    return null;
  }

  private async evseOf(party: PartyRef, locationId: unknown, evseUid: unknown): Promise<EVSE> {
    if (typeof locationId !== 'string' || locationId === '') throw new ApiError(400, 'Invalid field location_id: required', 'location_id');
    if (typeof evseUid !== 'string' || evseUid === '') throw new ApiError(400, 'Invalid field evse_uid: required', 'evse_uid');
    const location = await this.locations.get(party, locationId);
    if (!location) throw new ApiError(400, `Invalid field location_id: no location ${locationId}`, 'location_id');
    const evse = (location.evses ?? []).find((e) => ciEquals(e.uid, evseUid) && e.status !== 'REMOVED');
    if (!evse) throw new ApiError(400, `Invalid field evse_uid: location ${locationId} has no EVSE ${evseUid}`, 'evse_uid');
    return evse;
  }
}

function mappingsFor(evse: EVSE, connectors: unknown): StoredConnectorMapping[] {
  if (connectors === undefined) return [{ ocpp: '1', evse_uid: evse.uid, connector_id: evse.connectors[0]!.id }];
  if (connectors === null || typeof connectors !== 'object' || Array.isArray(connectors) || Object.keys(connectors).length === 0) {
    throw new ApiError(400, 'Invalid field connectors: an object of OCPP connector → OCPI connector id', 'connectors');
  }
  return Object.entries(connectors as Record<string, unknown>).map(([ocpp, id]) => {
    if (!OCPP_PLACE.test(ocpp)) throw new ApiError(400, `Invalid field connectors: ${JSON.stringify(ocpp)} is not an OCPP connector (N for 1.6 connector or 2.0.1 EVSE N, E.C for 2.0.1 EVSE E connector C)`, 'connectors');
    const connector = typeof id === 'string' ? evse.connectors.find((c) => ciEquals(c.id, id)) : undefined;
    if (!connector) throw new ApiError(400, `Invalid field connectors: EVSE ${evse.uid} has no connector ${JSON.stringify(id)}`, 'connectors');
    return { ocpp, evse_uid: evse.uid, connector_id: connector.id };
  });
}
