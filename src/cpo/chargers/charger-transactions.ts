import type { FastifyBaseLogger } from 'fastify';
import type { ChargerRef, ClockCorrection, MeterReading, TokenVerdict, TransactionEnd, TransactionStart, TransactionStartAnswer, TransactionUpdate } from '../../ocpp/charger-events.js';
import type { PartyRef } from '../../ocpi/headers.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import type { Tariff } from '../../ocpi/types/tariffs.js';
import type { LocationService } from '../locations/location-service.js';
import type { SessionService } from '../sessions/session-service.js';
import type { ChargerAuthorizer, SessionAuthority } from './charger-authorizer.js';
import type { ChargerRepository, ChargerRow, ChargerTransactionRow } from './charger-repository.js';
import { mappingAt } from './connector-mapping.js';
import { continueRegister, stopOnRegister, type MeterRegister } from './meter-register.js';
import { fateOf } from './meter-throttle.js';
import { TransactionNotes } from './transaction-notes.js';

export interface ChargerTransactionsDeps {
  repository: ChargerRepository;
  sessions: SessionService;
  locations: LocationService;
  tariff(party: PartyRef, id: string): Promise<Tariff | null>;
  authorizer: ChargerAuthorizer;
  log: FastifyBaseLogger;
  /** Least time between two readings forwarded to a session (`chargerMeterIntervalSeconds`). */
  meterIntervalMs: number;
  /** Silence after which an open transaction is closed at its last reading (`chargerStopTimeoutMinutes`). */
  stopTimeoutMs: number;
}

/** How many silent transactions one sweep closes; the next sweep takes the rest. */
const SWEEP_BATCH = 100;

/**
 * Why the CPO closed a transaction itself, and the flag of a stop that the charger sends after
 * all: kept as evidence beside the CDR already issued, never a second one.
 */
const CLOSED_BY_CPO = [
  { flag: 'stop_timeout', lateStop: 'stop_after_timeout' },
  { flag: 'replaced_by_new_start', lateStop: 'stop_after_replaced' },
] as const;
type ClosedByCpo = (typeof CLOSED_BY_CPO)[number];

/** Where a transaction's register and its session stand after a message. */
type RegisterColumns = Pick<ChargerTransactionRow, 'meter_offset_kwh' | 'last_reading_kwh' | 'last_reading_at' | 'last_meter_kwh' | 'last_meter_at'>;

/**
 * OCPP transactions → OCPI sessions. Every transaction is recorded per charger under its OCPP id
 * (1.6: an integer we issue; 2.0.1: the charger's), and drives a session with our own id. Chargers
 * resend what they think was lost and replay queued messages late (OCPP 1.6 §4.8 and 2.0.1 E):
 * a start seen before answers the same id again, a stop seen before changes nothing, readings
 * not after the last one are skipped, and the charger's timestamps are kept unless implausible
 * (charger-clock.ts). A register that falls is continued from the last good reading
 * (meter-register.ts). A transaction whose charger falls silent is closed after the stop timeout
 * at its last reading, one still open where a new transaction starts is closed at that start, and
 * a stop that comes after either is answered and kept as evidence only.
 */
export class ChargerTransactions {
  constructor(private readonly deps: ChargerTransactionsDeps) {}

  async started(charger: ChargerRef, row: ChargerRow, start: TransactionStart): Promise<TransactionStartAnswer> {
    const { repository, log } = this.deps;
    const receivedAt = new Date();
    const mapping = mappingAt(row.connectors, start.place);
    const place = mapping?.ocpp ?? placeText(start);
    // A 1.6 StartTransaction sent again (its answer was lost, or the charger rebooted) is the same
    // connector, tag, time and register; the time as the charger sent it, which a replay repeats.
    const startKey = start.transactionId === undefined ? [place, start.idToken?.id.toUpperCase() ?? '', chargerInstant(start), start.meterStartKwh ?? ''].join('|') : null;
    const seen = startKey ? await repository.transactionByStartKey(charger.identity, startKey) : await repository.getTransaction(charger.identity, start.transactionId!);
    if (seen) {
      log.info({ charger: charger.identity, transactionId: seen.transaction_id }, 'transaction start received again; answered as before');
      await repository.updateTransaction(charger.identity, seen.transaction_id, { last_message_at: receivedAt });
      return { transactionId: seen.transaction_id, verdict: seen.verdict as TokenVerdict };
    }

    // A charger starts a transaction only on a free connector: one still open there lost its stop (a
    // reboot that forgot it). Its session ends now, as the stop timeout would end it, before the new one starts.
    for (const open of await repository.openTransactions(charger.identity)) {
      if (open.ocpp_place === place && open.transaction_id !== start.transactionId) await this.closeReplaced(open, start, receivedAt);
    }

    const transactionId = start.transactionId ?? String(await repository.nextNumber());
    // 2.0.1 may start a transaction before the driver is identified (TxStartPoint EVConnected); its token comes with a later event.
    const authorization = start.idToken ? await this.deps.authorizer.authorizeStart(row, start.idToken, start.remoteStartId) : null;
    const verdict = authorization?.verdict ?? 'Accepted';
    const notes = new TransactionNotes({ flags: mapping ? [] : ['unmapped_connector'], evidence: [] }, receivedAt);
    notes.clock('start', start);
    const startRegister = start.meterStartKwh ?? null;
    const registerAt = startRegister === null ? null : new Date(start.at);
    const inserted = await repository.insertTransaction({
      charger_key: row.charger_key,
      transaction_id: transactionId,
      country_code: row.country_code,
      party_id: row.party_id,
      start_key: startKey,
      ocpp_place: place,
      id_tag: start.idToken?.id ?? null,
      verdict,
      session_id: null,
      status: authorization && !authorization.authority ? 'REFUSED' : 'ACTIVE',
      started_at: new Date(start.at),
      last_meter_kwh: startRegister,
      last_meter_at: registerAt,
      meter_offset_kwh: 0,
      last_reading_kwh: startRegister,
      last_reading_at: registerAt,
      every_reading: mapping ? await this.pricesEveryReading(row, mapping.evse_uid, mapping.connector_id) : false,
      ...notes.columns(),
      last_message_at: receivedAt,
      ended_at: null,
      updated_at: new Date(),
    });
    const stored = (await (startKey ? repository.transactionByStartKey(charger.identity, startKey) : repository.getTransaction(charger.identity, transactionId)))!;
    if (!inserted) return { transactionId: stored.transaction_id, verdict: stored.verdict as TokenVerdict };
    if (authorization?.authority) await this.openSession(charger, row, stored, authorization.authority);
    return { transactionId, verdict };
  }

  async updated(charger: ChargerRef, row: ChargerRow, update: TransactionUpdate): Promise<TokenVerdict | null> {
    const receivedAt = new Date();
    let transaction = await this.deps.repository.getTransaction(charger.identity, update.transactionId);
    if (!transaction) {
      this.deps.log.warn({ charger: charger.identity, transactionId: update.transactionId }, 'readings for an unknown transaction; answered and ignored');
      return null;
    }
    let verdict: TokenVerdict | null = null;
    if (update.idToken && transaction.status === 'ACTIVE' && transaction.session_id === null && transaction.id_tag === null) {
      const authorization = await this.deps.authorizer.authorizeStart(row, update.idToken);
      verdict = authorization.verdict;
      await this.deps.repository.updateTransaction(charger.identity, transaction.transaction_id, { id_tag: update.idToken.id, verdict, ...(!authorization.authority && { status: 'REFUSED' }) });
      transaction = (await this.deps.repository.getTransaction(charger.identity, update.transactionId))!;
      if (authorization.authority) transaction = await this.openSession(charger, row, transaction, authorization.authority);
    }
    const notes = new TransactionNotes(transaction, receivedAt);
    for (const reading of update.readings) notes.clock('reading', reading);
    const register = transaction.session_id !== null && transaction.status === 'ACTIVE' ? await this.forward(charger, transaction, update.readings, notes) : {};
    await this.deps.repository.updateTransaction(charger.identity, transaction.transaction_id, { ...register, ...notes.columns(), last_message_at: receivedAt });
    return verdict;
  }

  async ended(charger: ChargerRef, end: TransactionEnd): Promise<TokenVerdict | null> {
    const { repository, log } = this.deps;
    const receivedAt = new Date();
    const found = await repository.getTransaction(charger.identity, end.transactionId);
    if (!found) {
      log.warn({ charger: charger.identity, transactionId: end.transactionId }, 'stop of an unknown transaction; answered and ignored');
      return null;
    }
    const notes = new TransactionNotes(found, receivedAt);
    if (found.status === 'ENDED') {
      // The CDR was issued when the CPO closed the transaction itself; the stop is kept beside it, for reconciliation.
      const closedBy = CLOSED_BY_CPO.find((c) => notes.has(c.flag));
      if (closedBy && !notes.has(closedBy.lateStop)) {
        log.warn({ charger: charger.identity, transactionId: end.transactionId, closedBy: closedBy.flag }, 'stop of a transaction the CPO had closed; answered and kept as evidence');
        notes.keep(closedBy.lateStop, 'stop', { at: chargerInstant(end), meter_stop_kwh: end.meterStopKwh ?? null, reason: end.reason ?? null });
        await repository.updateTransaction(charger.identity, found.transaction_id, notes.columns());
      } else {
        log.info({ charger: charger.identity, transactionId: end.transactionId }, 'transaction stop received again; nothing changes');
      }
      return null;
    }
    notes.clock('stop', end);
    for (const reading of end.readings) notes.clock('reading', reading);
    if (found.session_id !== null && found.status === 'ACTIVE') {
      const register = { ...found, ...(await this.forward(charger, found, end.readings.filter((r) => Date.parse(r.at) < Date.parse(end.at)), notes)) };
      await this.stopSession(charger, register, end, notes, receivedAt);
    } else {
      await repository.updateTransaction(charger.identity, found.transaction_id, { status: 'ENDED', ended_at: new Date(end.at), ...notes.columns(), last_message_at: receivedAt });
    }
    return null;
  }

  /**
   * A charger booted: its open transactions may go on (it replays their messages) or never end (it
   * lost them; the stop timeout closes them). Either way they are flagged for reconciliation.
   */
  async rebooted(charger: ChargerRef): Promise<void> {
    for (const transaction of await this.deps.repository.openTransactions(charger.identity)) {
      const notes = new TransactionNotes(transaction, new Date());
      notes.flag('charger_rebooted');
      await this.deps.repository.updateTransaction(charger.identity, transaction.transaction_id, notes.columns());
      this.deps.log.info({ charger: charger.identity, transactionId: transaction.transaction_id }, 'charger booted during a transaction');
    }
  }

  /**
   * Closes the open transactions that have not heard from their charger for the stop timeout: the
   * session ends at the last reading received, its CDR says so, and the session is marked
   * `closed_by_timeout` (ocpp.md §5.2, "session never stopped"). Returns how many were closed.
   */
  async closeSilent(now: Date = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.deps.stopTimeoutMs);
    let closed = 0;
    for (const transaction of await this.deps.repository.silentTransactions(cutoff, SWEEP_BATCH)) {
      try {
        if (await this.closeOne(transaction, now)) closed++;
      } catch (error) {
        this.deps.log.error({ err: error, charger: transaction.charger_key, transactionId: transaction.transaction_id }, 'could not close a silent transaction');
      }
    }
    return closed;
  }

  private async closeOne(transaction: ChargerTransactionRow, now: Date): Promise<boolean> {
    const closed = await this.closeItself(transaction, 'stop_timeout', lastReadingEnd(transaction), now);
    if (closed) this.deps.log.warn({ charger: transaction.charger_key, transactionId: transaction.transaction_id, lastMessageAt: transaction.last_message_at }, 'transaction closed: no stop from the charger within the stop timeout');
    return closed;
  }

  /**
   * An open transaction on the connector where a new one starts: its session ends at the new
   * start with the last register received, reported like one the stop timeout closed (the CDR's
   * remark, the session `closed_by_timeout` for reconciliation) and flagged `replaced_by_new_start`.
   */
  private async closeReplaced(transaction: ChargerTransactionRow, start: TransactionStart, receivedAt: Date): Promise<void> {
    const last = lastReadingEnd(transaction);
    const startsAt = new Date(start.at);
    // Never before the last reading: a start stamped earlier (a clock that went back) ends the session just after it.
    const end = { at: startsAt > last.at ? startsAt : last.at, kwh: last.kwh };
    if (await this.closeItself(transaction, 'replaced_by_new_start', end, receivedAt)) {
      this.deps.log.warn({ charger: transaction.charger_key, transactionId: transaction.transaction_id, place: transaction.ocpp_place }, 'transaction closed: a new one started on its connector without its stop');
    }
  }

  /**
   * Ends an open transaction whose charger will not: its session stops at `end` with a CDR whose
   * remark says the CPO closed it, and the transaction is flagged `flag`. False when the charger's
   * own stop ended it meanwhile.
   */
  private async closeItself(transaction: ChargerTransactionRow, flag: ClosedByCpo['flag'], end: { at: Date; kwh: number }, now: Date): Promise<boolean> {
    const notes = new TransactionNotes(transaction, now);
    notes.flag(flag);
    if (transaction.session_id !== null) {
      try {
        await this.deps.sessions.stop(partyOf(transaction), transaction.session_id, { at: end.at.toISOString(), meter_kwh: end.kwh }, { closedByTimeout: true, flags: notes.flags });
      } catch (error) {
        // 409: the session ended meanwhile (the charger's stop came first); the update below then finds the transaction ended.
        if (!(error instanceof OcpiError && error.httpStatus === 409)) {
          notes.flag('stop_failed');
          this.deps.log.error({ err: error, charger: transaction.charger_key, transactionId: transaction.transaction_id, session: transaction.session_id }, 'could not close the session of a transaction its charger did not stop');
        }
      }
    }
    return this.deps.repository.updateOpenTransaction(transaction.charger_key, transaction.transaction_id, { status: 'ENDED', ended_at: end.at, ...notes.columns() });
  }

  private async stopSession(charger: ChargerRef, transaction: ChargerTransactionRow, end: TransactionEnd, notes: TransactionNotes, receivedAt: Date): Promise<void> {
    let kwh = transaction.last_reading_kwh ?? transaction.last_meter_kwh ?? 0;
    if (end.meterStopKwh !== undefined) {
      // No negative energy is billed: a stop register below the last reading ends the session at that reading (flagged).
      const stop = stopOnRegister(registerOf(transaction), end.meterStopKwh);
      if (stop.fell) notes.flag('meter_went_back');
      kwh = stop.kwh;
    }
    let at = new Date(end.at);
    if (transaction.last_meter_at && at < transaction.last_meter_at) {
      notes.flag('clock_went_back');
      at = new Date(transaction.last_meter_at.getTime() + 1000);
    }
    try {
      await this.deps.sessions.stop(partyOf(transaction), transaction.session_id!, { at: at.toISOString(), meter_kwh: kwh }, { flags: notes.flags });
    } catch (error) {
      if (!(error instanceof OcpiError && error.httpStatus === 409)) {
        notes.flag('stop_failed');
        this.deps.log.error({ err: error, charger: charger.identity, transactionId: transaction.transaction_id, session: transaction.session_id }, 'could not stop the session of a transaction');
      }
    }
    const { last_meter_kwh, last_meter_at, meter_offset_kwh, last_reading_kwh, last_reading_at } = transaction;
    await this.deps.repository.updateTransaction(charger.identity, transaction.transaction_id, {
      status: 'ENDED',
      ended_at: at,
      last_meter_kwh,
      last_meter_at,
      meter_offset_kwh,
      last_reading_kwh,
      last_reading_at,
      ...notes.columns(),
      last_message_at: receivedAt,
    });
  }

  /**
   * Puts the readings on the transaction's register in time order and hands the due ones to the
   * session; returns where register and session then stand, for the caller to store.
   */
  private async forward(charger: ChargerRef, transaction: ChargerTransactionRow, readings: readonly MeterReading[], notes: TransactionNotes): Promise<RegisterColumns> {
    let register = registerOf(transaction);
    let forwarded = { at: transaction.last_meter_at, kwh: transaction.last_meter_kwh };
    for (const reading of [...readings].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
      if (reading.energyKwh === undefined) continue;
      const continued = continueRegister(register, reading.energyKwh, new Date(reading.at));
      if (!continued) continue;
      register = continued.register;
      if (continued.fell) notes.flag('meter_went_back');
      const onRegister = { ...reading, energyKwh: continued.kwh };
      if (fateOf(onRegister, forwarded, transaction.every_reading, this.deps.meterIntervalMs) !== 'forward') continue;
      const input: Record<string, unknown> = { at: reading.at, meter_kwh: continued.kwh };
      if (reading.powerKw !== undefined && reading.powerKw >= 0) input.power_kw = reading.powerKw;
      if (reading.currentA !== undefined && reading.currentA >= 0) input.current_a = reading.currentA;
      try {
        await this.deps.sessions.meter(partyOf(transaction), transaction.session_id!, input);
        forwarded = { at: new Date(reading.at), kwh: continued.kwh };
      } catch (error) {
        notes.flag('reading_refused');
        this.deps.log.warn({ err: error, charger: charger.identity, transactionId: transaction.transaction_id }, 'a meter reading was refused by the session');
      }
    }
    return { meter_offset_kwh: register.offsetKwh, last_reading_kwh: register.lastKwh, last_reading_at: register.lastAt, last_meter_kwh: forwarded.kwh, last_meter_at: forwarded.at };
  }

  /**
   * The session of a transaction, at the mapped connector, from the charger's start time and
   * register. Without a start register the session waits (PENDING) for the first reading, which
   * becomes its start (OCPI 2.2.1 "Sessions", start_date_time).
   */
  private async openSession(charger: ChargerRef, row: ChargerRow, transaction: ChargerTransactionRow, authority: SessionAuthority): Promise<ChargerTransactionRow> {
    const mapping = mappingAt(row.connectors, placeFromText(transaction.ocpp_place));
    if (!mapping) {
      this.deps.log.error({ charger: charger.identity, place: transaction.ocpp_place }, 'transaction at a connector that is not mapped to an OCPI connector; no session');
      await this.deps.repository.updateTransaction(charger.identity, transaction.transaction_id, { status: 'REFUSED' });
      return { ...transaction, status: 'REFUSED' };
    }
    try {
      const session = await this.deps.sessions.startAtChargePoint(partyOf(transaction), {
        ...authority,
        start_date_time: transaction.started_at.toISOString(),
        meter_start_kwh: transaction.last_meter_kwh ?? 0,
        ...(transaction.last_meter_kwh === null && { status: 'PENDING' }),
        location_id: row.location_id,
        evse_uid: mapping.evse_uid,
        connector_id: mapping.connector_id,
      });
      await this.deps.repository.updateTransaction(charger.identity, transaction.transaction_id, { session_id: session.id });
      return { ...transaction, session_id: session.id };
    } catch (error) {
      this.deps.log.error({ err: error, charger: charger.identity, transactionId: transaction.transaction_id }, 'could not start the session of a transaction');
      const flags = JSON.stringify([...transaction.flags, 'session_not_started']);
      await this.deps.repository.updateTransaction(charger.identity, transaction.transaction_id, { status: 'REFUSED', flags });
      return { ...transaction, status: 'REFUSED' };
    }
  }

  /** Whether the connector's tariffs restrict by power or current, which needs every reading. */
  private async pricesEveryReading(row: ChargerRow, evseUid: string, connectorId: string): Promise<boolean> {
    const party = partyOf(row);
    const location = await this.deps.locations.get(party, row.location_id);
    const connector = location?.evses?.find((e) => e.uid.toUpperCase() === evseUid.toUpperCase())?.connectors.find((c) => c.id.toUpperCase() === connectorId.toUpperCase());
    const tariffs = await Promise.all((connector?.tariff_ids ?? []).map((id) => this.deps.tariff(party, id)));
    return tariffs.some((t) =>
      t?.elements.some((e) => e.restrictions && [e.restrictions.min_power, e.restrictions.max_power, e.restrictions.min_current, e.restrictions.max_current].some((v) => v !== undefined && v !== null)),
    );
  }
}

function partyOf(row: { country_code: string; party_id: string }): PartyRef {
  return { countryCode: row.country_code, partyId: row.party_id };
}

function registerOf(transaction: ChargerTransactionRow): MeterRegister {
  return { offsetKwh: transaction.meter_offset_kwh, lastKwh: transaction.last_reading_kwh, lastAt: transaction.last_reading_at };
}

/**
 * Where a silent transaction ends: at its last reading (time and register), or just after the
 * session's last sample when that reading was the one forwarded, since a session ends after its
 * last sample; a session that never had a reading ends just after its start.
 */
function lastReadingEnd(transaction: ChargerTransactionRow): { at: Date; kwh: number } {
  const kwh = transaction.last_reading_kwh ?? transaction.last_meter_kwh ?? 0;
  const floor = transaction.last_meter_at ?? transaction.started_at;
  const at = transaction.last_reading_at ?? transaction.started_at;
  return { at: at > floor ? at : new Date(floor.getTime() + 1000), kwh };
}

/** A message's time as the charger sent it, normalised when it parses: what a replay of the message repeats. */
function chargerInstant(time: { at: string; clock?: ClockCorrection }): string {
  if (!time.clock) return time.at;
  const parsed = Date.parse(time.clock.reported);
  return Number.isNaN(parsed) ? time.clock.reported : new Date(parsed).toISOString();
}

/** The place as the charger gave it, for a connector that is not mapped: `3`, `2.1` or `0`. */
function placeText(start: TransactionStart): string {
  const { evse, connector } = start.place;
  if (evse === undefined) return String(connector ?? 0);
  return connector === undefined ? String(evse) : `${evse}.${connector}`;
}

/** The place a stored `ocpp_place` names, for 1.6 (`N`) and 2.0.1 (`E.C`, `E`) alike. */
function placeFromText(text: string): TransactionStart['place'] {
  const [first, second] = text.split('.').map(Number);
  return second === undefined ? { connector: first! } : { evse: first!, connector: second };
}
