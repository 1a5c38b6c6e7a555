import type { Selectable } from 'kysely';
import type { ConnectorState } from '../../ocpp/charger-events.js';
import type { Token } from '../../ocpi/types/tokens.js';
import type { Database } from '../../store/database.js';
import type { ChargerRemoteStartTable } from '../../store/tables/charger-tables.js';
import { chargerKey } from './charger-repository.js';

export type RemoteStartRow = Selectable<ChargerRemoteStartTable>;

/**
 * What the gateway remembers between a charger's messages, in the database so a restart of
 * evroam keeps it: remote starts waiting for their transaction, and each connector's last state.
 */
export class ChargerStateRepository {
  constructor(private readonly db: Database) {}

  async addRemoteStart(row: { identity: string; remoteStartId: number; idTag: string; token: Token; authorizationReference: string | null; commandId: string; expiresAt: Date }): Promise<void> {
    await this.db
      .insertInto('charger_remote_start')
      .values({
        remote_start_id: row.remoteStartId,
        charger_key: chargerKey(row.identity),
        id_tag: row.idTag,
        token: JSON.stringify(row.token),
        authorization_reference: row.authorizationReference,
        command_id: row.commandId,
        expires_at: row.expiresAt,
      })
      .execute();
  }

  async dropExpiredRemoteStarts(now: Date): Promise<void> {
    await this.db.deleteFrom('charger_remote_start').where('expires_at', '<=', now).execute();
  }

  async dropRemoteStart(remoteStartId: number): Promise<void> {
    await this.db.deleteFrom('charger_remote_start').where('remote_start_id', '=', remoteStartId).execute();
  }

  /** The charger's unexpired remote starts, oldest first. */
  remoteStartsOf(identity: string, now: Date): Promise<RemoteStartRow[]> {
    return this.db.selectFrom('charger_remote_start').selectAll().where('charger_key', '=', chargerKey(identity)).where('expires_at', '>', now).orderBy('created_at').orderBy('remote_start_id').execute();
  }

  /** Removes a remote start and returns it; null when another message took it first. */
  async takeRemoteStart(remoteStartId: number): Promise<RemoteStartRow | null> {
    return (await this.db.deleteFrom('charger_remote_start').where('remote_start_id', '=', remoteStartId).returningAll().executeTakeFirst()) ?? null;
  }

  async saveConnectorStates(identity: string, places: readonly string[], state: ConnectorState): Promise<void> {
    if (places.length === 0) return;
    const updatedAt = new Date();
    await this.db
      .insertInto('charger_connector_state')
      .values(places.map((place) => ({ charger_key: chargerKey(identity), ocpp_place: place, state, updated_at: updatedAt })))
      .onConflict((oc) => oc.columns(['charger_key', 'ocpp_place']).doUpdateSet({ state, updated_at: updatedAt }))
      .execute();
  }

  /** The last state reported per OCPP place of a charger. */
  async connectorStates(identity: string): Promise<Map<string, ConnectorState>> {
    const rows = await this.db.selectFrom('charger_connector_state').select(['ocpp_place', 'state']).where('charger_key', '=', chargerKey(identity)).execute();
    return new Map(rows.map((r) => [r.ocpp_place, r.state as ConnectorState]));
  }
}
