import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { PartyRef } from '../../ocpi/headers.js';
import type { Database } from '../../store/database.js';
import type { ChargerPendingTable, ChargerReservationTable, ChargerTable, ChargerTransactionTable, StoredBoot, StoredConnectorMapping } from '../../store/tables/charger-tables.js';

export type ChargerRow = Selectable<ChargerTable>;
export type ChargerTransactionRow = Selectable<ChargerTransactionTable>;
export type ChargerReservationRow = Selectable<ChargerReservationTable>;
export type PendingChargerRow = Selectable<ChargerPendingTable>;

/** Charge box identities and OCPI ids are CiStrings: stored and found in upper case. */
export function chargerKey(identity: string): string {
  return identity.toUpperCase();
}

/** Storage of chargers (registered, and held Pending), their OCPP transactions and the reservations sent to them. */
export class ChargerRepository {
  constructor(private readonly db: Database) {}

  async getCharger(identity: string): Promise<ChargerRow | null> {
    return (await this.db.selectFrom('charger').selectAll().where('charger_key', '=', chargerKey(identity)).executeTakeFirst()) ?? null;
  }

  listChargers(party: PartyRef): Promise<ChargerRow[]> {
    return this.byParty(party).orderBy('charger_key').execute();
  }

  chargersAt(party: PartyRef, locationId: string): Promise<ChargerRow[]> {
    return this.byParty(party).where(sql<string>`upper(location_id)`, '=', locationId.toUpperCase()).orderBy('charger_key').execute();
  }

  /** Registers or updates a charger; a charger held Pending becomes this one, keeping what it said at boot. */
  async saveCharger(row: { chargeBoxId: string; party: PartyRef; locationId: string; connectors: StoredConnectorMapping[]; passwordHash: string | null }): Promise<ChargerRow> {
    return this.db.transaction().execute(async (trx) => {
      const pending = await trx.deleteFrom('charger_pending').where('charger_key', '=', chargerKey(row.chargeBoxId)).returning(['boot', 'booted_at']).executeTakeFirst();
      const values = {
        charger_key: chargerKey(row.chargeBoxId),
        charge_box_id: row.chargeBoxId,
        country_code: row.party.countryCode.toUpperCase(),
        party_id: row.party.partyId.toUpperCase(),
        location_id: row.locationId,
        connectors: JSON.stringify(row.connectors),
        password_hash: row.passwordHash,
        updated_at: new Date(),
        ...(pending?.boot && { boot: JSON.stringify(pending.boot), booted_at: pending.booted_at }),
      };
      return trx
        .insertInto('charger')
        .values(values)
        .onConflict((oc) => oc.column('charger_key').doUpdateSet({ location_id: values.location_id, connectors: values.connectors, password_hash: values.password_hash, updated_at: values.updated_at }))
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  }

  /** Removes a charger with what the gateway remembers of it; false when the party has no such charger. */
  async deleteCharger(party: PartyRef, identity: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const deleted = await trx
        .deleteFrom('charger')
        .where('charger_key', '=', chargerKey(identity))
        .where('country_code', '=', party.countryCode.toUpperCase())
        .where('party_id', '=', party.partyId.toUpperCase())
        .executeTakeFirst();
      if (deleted.numDeletedRows === 0n) return false;
      await trx.deleteFrom('charger_connector_state').where('charger_key', '=', chargerKey(identity)).execute();
      await trx.deleteFrom('charger_remote_start').where('charger_key', '=', chargerKey(identity)).execute();
      return true;
    });
  }

  async getPending(identity: string): Promise<PendingChargerRow | null> {
    return (await this.db.selectFrom('charger_pending').selectAll().where('charger_key', '=', chargerKey(identity)).executeTakeFirst()) ?? null;
  }

  listPending(party: PartyRef): Promise<PendingChargerRow[]> {
    return this.db
      .selectFrom('charger_pending')
      .selectAll()
      .where('country_code', '=', party.countryCode.toUpperCase())
      .where('party_id', '=', party.partyId.toUpperCase())
      .orderBy('charger_key')
      .execute();
  }

  async countPending(): Promise<number> {
    const { count } = await this.db.selectFrom('charger_pending').select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
    return Number(count);
  }

  /** Records an unknown charger held Pending for `party`, or notes that it connected again. */
  async savePending(identity: string, party: PartyRef): Promise<void> {
    const now = new Date();
    await this.db
      .insertInto('charger_pending')
      .values({ charger_key: chargerKey(identity), charge_box_id: identity, country_code: party.countryCode.toUpperCase(), party_id: party.partyId.toUpperCase(), last_seen_at: now })
      .onConflict((oc) => oc.column('charger_key').doUpdateSet({ last_seen_at: now }))
      .execute();
  }

  async savePendingBoot(identity: string, boot: StoredBoot): Promise<void> {
    const now = new Date();
    await this.db.updateTable('charger_pending').set({ boot: JSON.stringify(boot), booted_at: now, last_seen_at: now }).where('charger_key', '=', chargerKey(identity)).execute();
  }

  async deletePending(party: PartyRef, identity: string): Promise<boolean> {
    const deleted = await this.db
      .deleteFrom('charger_pending')
      .where('charger_key', '=', chargerKey(identity))
      .where('country_code', '=', party.countryCode.toUpperCase())
      .where('party_id', '=', party.partyId.toUpperCase())
      .executeTakeFirst();
    return deleted.numDeletedRows > 0n;
  }

  async saveBoot(identity: string, boot: StoredBoot): Promise<void> {
    await this.db.updateTable('charger').set({ boot: JSON.stringify(boot), booted_at: new Date() }).where('charger_key', '=', chargerKey(identity)).execute();
  }

  /** A fresh integer for a 1.6 transaction id, a remote start id or a reservation id. */
  async nextNumber(): Promise<number> {
    const { rows } = await sql<{ n: number }>`select nextval('charger_number')::integer as n`.execute(this.db);
    return rows[0]!.n;
  }

  async getTransaction(identity: string, transactionId: string): Promise<ChargerTransactionRow | null> {
    return (await this.db.selectFrom('charger_transaction').selectAll().where('charger_key', '=', chargerKey(identity)).where('transaction_id', '=', transactionId).executeTakeFirst()) ?? null;
  }

  async transactionByStartKey(identity: string, startKey: string): Promise<ChargerTransactionRow | null> {
    return (await this.db.selectFrom('charger_transaction').selectAll().where('charger_key', '=', chargerKey(identity)).where('start_key', '=', startKey).executeTakeFirst()) ?? null;
  }

  async transactionOfSession(party: PartyRef, sessionId: string): Promise<ChargerTransactionRow | null> {
    const row = await this.db
      .selectFrom('charger_transaction')
      .selectAll()
      .where('country_code', '=', party.countryCode.toUpperCase())
      .where('party_id', '=', party.partyId.toUpperCase())
      .where(sql<string>`upper(session_id)`, '=', sessionId.toUpperCase())
      .executeTakeFirst();
    return row ?? null;
  }

  listTransactions(identity: string, limit: number): Promise<ChargerTransactionRow[]> {
    return this.db.selectFrom('charger_transaction').selectAll().where('charger_key', '=', chargerKey(identity)).orderBy('created_at', 'desc').orderBy('transaction_id', 'desc').limit(limit).execute();
  }

  /** Inserts a transaction unless one with its id or start key exists; true when inserted. */
  async insertTransaction(row: Insertable<ChargerTransactionTable>): Promise<boolean> {
    const inserted = await this.db.insertInto('charger_transaction').values(row).onConflict((oc) => oc.doNothing()).returning('transaction_id').executeTakeFirst();
    return inserted !== undefined;
  }

  async updateTransaction(identity: string, transactionId: string, changes: Omit<Updateable<ChargerTransactionTable>, 'updated_at'>): Promise<void> {
    await this.db
      .updateTable('charger_transaction')
      .set({ ...changes, updated_at: new Date() })
      .where('charger_key', '=', chargerKey(identity))
      .where('transaction_id', '=', transactionId)
      .execute();
  }

  /** The transactions of a charger that have not ended (a session runs, or waits for its token). */
  openTransactions(identity: string): Promise<ChargerTransactionRow[]> {
    return this.db.selectFrom('charger_transaction').selectAll().where('charger_key', '=', chargerKey(identity)).where('status', '=', 'ACTIVE').execute();
  }

  /** Open transactions, of every charger, that last heard from their charger before `cutoff`; the longest silent first. */
  silentTransactions(cutoff: Date, limit: number): Promise<ChargerTransactionRow[]> {
    return this.db.selectFrom('charger_transaction').selectAll().where('status', '=', 'ACTIVE').where('last_message_at', '<', cutoff).orderBy('last_message_at').limit(limit).execute();
  }

  /** Updates a transaction only while it is open; false when it has ended meanwhile (a stop that came first). */
  async updateOpenTransaction(identity: string, transactionId: string, changes: Omit<Updateable<ChargerTransactionTable>, 'updated_at'>): Promise<boolean> {
    const updated = await this.db
      .updateTable('charger_transaction')
      .set({ ...changes, updated_at: new Date() })
      .where('charger_key', '=', chargerKey(identity))
      .where('transaction_id', '=', transactionId)
      .where('status', '=', 'ACTIVE')
      .executeTakeFirst();
    return updated.numUpdatedRows > 0n;
  }

  /** Records the CPO party's reservation `reservationId` of `emsp`, or replaces it (same ids). */
  async saveReservation(party: PartyRef, emsp: PartyRef, reservationId: string, identity: string, ocppReservationId: number, expiresAt: Date): Promise<void> {
    const values = {
      country_code: party.countryCode.toUpperCase(),
      party_id: party.partyId.toUpperCase(),
      emsp_country_code: emsp.countryCode.toUpperCase(),
      emsp_party_id: emsp.partyId.toUpperCase(),
      reservation_key: reservationId.toUpperCase(),
      charger_key: chargerKey(identity),
      ocpp_reservation_id: ocppReservationId,
      expires_at: expiresAt,
    };
    await this.db
      .insertInto('charger_reservation')
      .values(values)
      .onConflict((oc) => oc.columns(['country_code', 'party_id', 'emsp_country_code', 'emsp_party_id', 'reservation_key']).doUpdateSet({ charger_key: values.charger_key, ocpp_reservation_id: values.ocpp_reservation_id, expires_at: values.expires_at }))
      .execute();
  }

  async getReservation(party: PartyRef, emsp: PartyRef, reservationId: string): Promise<ChargerReservationRow | null> {
    const row = await this.db
      .selectFrom('charger_reservation')
      .selectAll()
      .where('country_code', '=', party.countryCode.toUpperCase())
      .where('party_id', '=', party.partyId.toUpperCase())
      .where('emsp_country_code', '=', emsp.countryCode.toUpperCase())
      .where('emsp_party_id', '=', emsp.partyId.toUpperCase())
      .where('reservation_key', '=', reservationId.toUpperCase())
      .executeTakeFirst();
    return row ?? null;
  }

  private byParty(party: PartyRef) {
    return this.db.selectFrom('charger').selectAll().where('country_code', '=', party.countryCode.toUpperCase()).where('party_id', '=', party.partyId.toUpperCase());
  }
}
