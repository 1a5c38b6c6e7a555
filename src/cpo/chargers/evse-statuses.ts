import type { FastifyBaseLogger } from 'fastify';
import type { ConnectorState, StatusChange } from '../../ocpp/charger-events.js';
import type { Status } from '../../ocpi/types/locations.js';
import type { LocationService } from '../locations/location-service.js';
import type { ChargerRow } from './charger-repository.js';
import type { ChargerStateRepository } from './charger-state-repository.js';
import { mappingsAt } from './connector-mapping.js';
import { evseStatusOf } from './evse-status.js';

/** An operator's REMOVED, PLANNED or BLOCKED is not the charger's to undo. */
const OPERATOR_STATUSES: readonly Status[] = ['REMOVED', 'PLANNED', 'BLOCKED'];

/**
 * EVSE statuses from connector states. The state of each mapped connector is stored (a restart of
 * evroam must still know what a charger that only reconnects said last), and the EVSE takes the
 * busiest of its connectors. While its charger is disconnected an EVSE is UNKNOWN ("no status
 * information available", OCPI 2.2.1 "Locations" Status); when it reconnects, the EVSE goes back to the
 * status last reported, which the charger's next reports then correct (a charger that only lost
 * its connection, without rebooting, reports nothing new). LocationService stores the status and
 * pushes the EVSE PATCH to eMSPs; a status that did not change sends nothing.
 */
export class EvseStatuses {
  /** Per charger, the last update under way: a disconnect and a quick reconnect must land in that order. */
  readonly #pending = new Map<string, Promise<void>>();

  constructor(
    private readonly locations: LocationService,
    private readonly repository: ChargerStateRepository,
    private readonly log: FastifyBaseLogger,
  ) {}

  async changed(charger: ChargerRow, change: StatusChange): Promise<void> {
    const mappings = mappingsAt(charger.connectors, change.place);
    if (mappings.length === 0) {
      this.log.debug({ charger: charger.charge_box_id, place: change.place }, 'status of a connector that is not mapped');
      return;
    }
    await this.inTurn(charger, async () => {
      await this.repository.saveConnectorStates(charger.charge_box_id, mappings.map((m) => m.ocpp), change.state);
      const states = await this.repository.connectorStates(charger.charge_box_id);
      await this.publish(charger, new Set(mappings.map((m) => m.evse_uid)), (evseUid) => reported(charger, states, evseUid));
    });
  }

  async disconnected(charger: ChargerRow): Promise<void> {
    await this.inTurn(charger, () => this.publish(charger, new Set(charger.connectors.map((m) => m.evse_uid)), () => 'UNKNOWN'));
  }

  /** Back to the last reported status; EVSEs with no report stay as they are. */
  async reconnected(charger: ChargerRow): Promise<void> {
    await this.inTurn(charger, async () => {
      const states = await this.repository.connectorStates(charger.charge_box_id);
      const known = new Set(charger.connectors.filter((m) => states.has(m.ocpp)).map((m) => m.evse_uid));
      await this.publish(charger, known, (evseUid) => reported(charger, states, evseUid));
    });
  }

  /** Runs `update` after the charger's previous one has finished, whether or not it succeeded. */
  private async inTurn(charger: ChargerRow, update: () => Promise<void>): Promise<void> {
    const previous = this.#pending.get(charger.charger_key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(update);
    this.#pending.set(charger.charger_key, current);
    try {
      await current;
    } finally {
      if (this.#pending.get(charger.charger_key) === current) this.#pending.delete(charger.charger_key);
    }
  }

  private async publish(charger: ChargerRow, evseUids: ReadonlySet<string>, statusOf: (evseUid: string) => Status): Promise<void> {
    if (evseUids.size === 0) return;
    const party = { countryCode: charger.country_code, partyId: charger.party_id };
    const location = await this.locations.get(party, charger.location_id);
    for (const evseUid of evseUids) {
      const evse = location?.evses?.find((e) => e.uid.toUpperCase() === evseUid.toUpperCase());
      if (!evse || OPERATOR_STATUSES.includes(evse.status)) continue;
      await this.locations.setEvseStatus(party, charger.location_id, evse.uid, statusOf(evseUid));
    }
  }
}

/** The EVSE's status from the states its connectors last reported. */
function reported(charger: ChargerRow, states: ReadonlyMap<string, ConnectorState>, evseUid: string): Status {
  return evseStatusOf(charger.connectors.filter((m) => m.evse_uid === evseUid).flatMap((m) => states.get(m.ocpp) ?? []));
}
