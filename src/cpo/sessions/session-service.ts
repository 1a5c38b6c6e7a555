import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { formatOcpiDateTime, parseOcpiDateTime } from '../../ocpi/datetime.js';
import { sameParty, type PartyRef } from '../../ocpi/headers.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import type { PageRequest, PageResult } from '../../ocpi/pagination.js';
import { OcpiStatus } from '../../ocpi/status-codes.js';
import type { CDR } from '../../ocpi/types/cdrs.js';
import type { Session } from '../../ocpi/types/sessions.js';
import { parseOcpi } from '../../ocpi/validation.js';
import { enqueue } from '../../outbox/outbox.js';
import type { Database } from '../../store/database.js';
import type { StoredChargePoint, StoredMeterSample } from '../../store/tables/session-tables.js';
import { TariffError } from '../../tariff/index.js';
import { cdrFromSession } from '../cdrs/cdr-from-session.js';
import type { CdrService } from '../cdrs/cdr-service.js';
import { chargePointSnapshot, type ChargePointSources } from './charge-point-catalog.js';
import { MeterReadingInput, StartAtChargePointInput, StartSessionInput, StopSessionInput } from './session-input.js';
import { assertPriceable } from './session-pricing.js';
import { sessionFigures, type SessionFigures } from './session-progress.js';
import { SessionRepository, type CpoSessionRow } from './session-repository.js';
import { sessionUpdate } from './session-update.js';
import { tokenOwnerPeer } from './token-owner-peer.js';

export const SESSION_PUT = 'session.put';
export const SESSION_PATCH = 'session.patch';

interface SessionChange {
  next: Session;
  timeline: StoredMeterSample[];
  cdr?: CDR;
  closing?: SessionClosing;
}

/** How the charger gateway closes a session beyond its last reading; not open to the admin API. */
export interface SessionClosing {
  /** The charger never sent the stop: the CPO closed the session at the last reading it had. */
  closedByTimeout?: boolean;
  /** What the gateway worked around during the session (`meter_went_back`, `clock_ahead`, …), kept for review. */
  flags?: readonly string[];
}

/** What the charger's meter says of a session that ended, for reconciliation. */
export interface MeteredSession {
  party: PartyRef;
  session_id: string;
  /** The energy the session's meter readings span: the last register minus the first, in kWh. */
  meter_kwh: number;
  closed_by_timeout: boolean;
  flags: string[];
}

/** The CDR's word to the eMSP when the CPO closed a session itself (OCPI 2.2.1 CDR `remark`). */
export const CLOSED_BY_TIMEOUT_REMARK = 'The charger never reported the end of this session; the CPO closed it at the last meter reading it received.';

export interface StoppedSession {
  session: Session;
  /** Absent when the session never became active: an INVALID session is not billed. */
  cdr?: CDR;
}

/**
 * Sessions at our CPO parties: started, metered and stopped by the charger gateway (and the admin
 * API), priced as they run, and pushed to the token's eMSP in the same transaction as each change:
 * PUT when created, PATCH for every change after (OCPI 2.2.1 "Sessions", push model), including
 * the final COMPLETED state. Stopping issues the CDR in that transaction too.
 */
export class SessionService {
  constructor(
    private readonly db: Database,
    private readonly cdrs: CdrService,
    private readonly wakeOutbox: () => void,
    private readonly chargePoints?: ChargePointSources,
  ) {}

  /** Starts a session at a charge point named by its ids (what a charger reports). */
  async startAtChargePoint(party: PartyRef, input: unknown): Promise<Session> {
    if (!this.chargePoints) throw new OcpiError(OcpiStatus.ServerError, 'No location and tariff source is wired to the session service', 500);
    const body = parseOcpi(StartAtChargePointInput, input);
    const at = body.start_date_time ?? formatOcpiDateTime(new Date());
    const snapshot = await chargePointSnapshot(this.chargePoints, party, body, at);
    const { location_id: _location, evse_uid: _evse, connector_id: _connector, ...rest } = body;
    return this.start(party, { ...rest, start_date_time: at, ...snapshot });
  }

  async start(party: PartyRef, input: unknown): Promise<Session> {
    const body = parseOcpi(StartSessionInput, input);
    const now = new Date();
    const startedAt = body.start_date_time ? parseOcpiDateTime(body.start_date_time)! : now;
    if (!sameParty({ countryCode: body.tariff.country_code, partyId: body.tariff.party_id }, party)) {
      throw OcpiError.invalid(`Invalid field tariff.party_id: the tariff of a ${party.countryCode}-${party.partyId} session must be its own, got ${body.tariff.country_code}-${body.tariff.party_id}`);
    }
    const first: StoredMeterSample = { at: formatOcpiDateTime(startedAt), energyKwh: body.meter_start_kwh, state: 'CHARGING' };
    withPricingErrors('tariff', () => assertPriceable(body.tariff, body.time_zone, first));

    const chargePoint: StoredChargePoint = { location: body.location, time_zone: body.time_zone, tariff: body.tariff };
    const session: Session = {
      country_code: party.countryCode,
      party_id: party.partyId,
      id: randomUUID(),
      start_date_time: first.at,
      kwh: 0,
      cdr_token: body.cdr_token,
      auth_method: body.auth_method,
      location_id: body.location.id,
      evse_uid: body.location.evse_uid,
      connector_id: body.location.connector_id,
      currency: body.tariff.currency,
      charging_periods: [],
      status: body.status ?? 'ACTIVE',
      last_updated: formatOcpiDateTime(now),
    };
    if (body.authorization_reference !== undefined) session.authorization_reference = body.authorization_reference;
    if (body.meter_id !== undefined) session.meter_id = body.meter_id;

    await this.db.transaction().execute(async (trx) => {
      await new SessionRepository(trx).insert(session, [first], chargePoint);
      await this.push(trx, null, session);
    });
    this.wakeOutbox();
    return session;
  }

  /**
   * A meter reading of a running session. The first reading of a PENDING session activates it and
   * becomes its start: a PENDING session's start time is its creation time until it turns ACTIVE
   * (OCPI 2.2.1 "Sessions", start_date_time).
   */
  async meter(party: PartyRef, id: string, input: unknown): Promise<Session> {
    const reading = parseOcpi(MeterReadingInput, input);
    const session = await this.change(party, id, (row, now) => {
      const previous = row.data;
      const sample: StoredMeterSample = { at: formatOcpiDateTime(readingTime(reading.at, now)), energyKwh: reading.meter_kwh, state: reading.state ?? 'CHARGING' };
      if (reading.power_kw !== undefined) sample.powerKw = reading.power_kw;
      if (reading.current_a !== undefined) sample.currentA = reading.current_a;
      const activating = previous.status === 'PENDING';
      if (activating) assertAfter(sample.at, previous.start_date_time);
      else assertFollows(row.timeline, sample);
      const timeline = activating ? [sample] : [...row.timeline, sample];
      const figures = withPricingErrors('meter_kwh', () => sessionFigures(timeline, row.charge_point, false)).figures;
      const next = withFigures({ ...previous, status: 'ACTIVE', start_date_time: timeline[0]!.at, last_updated: nextLastUpdated(previous, now) }, figures);
      return { next, timeline };
    });
    return session.next;
  }

  /** Ends a session: COMPLETED with its CDR, or INVALID (not billed) when it never became active. */
  async stop(party: PartyRef, id: string, input: unknown, closing: SessionClosing = {}): Promise<StoppedSession> {
    const reading = parseOcpi(StopSessionInput, input);
    const result = await this.change(party, id, (row, now) => {
      const previous = row.data;
      const at = formatOcpiDateTime(readingTime(reading.at, now));
      const lastUpdated = nextLastUpdated(previous, now);
      if (previous.status === 'PENDING') {
        assertAfter(at, previous.start_date_time);
        return { next: { ...previous, status: 'INVALID', end_date_time: at, last_updated: lastUpdated }, timeline: row.timeline, closing };
      }
      const sample: StoredMeterSample = { at, energyKwh: reading.meter_kwh, state: row.timeline.at(-1)!.state };
      // A stop stamped at the instant of the last reading (chargers send both at once) replaces that reading.
      const base = row.timeline.length > 1 && row.timeline.at(-1)!.at === at ? row.timeline.slice(0, -1) : row.timeline;
      assertFollows(base, sample);
      const timeline = [...base, sample];
      const { figures, priced } = withPricingErrors('meter_kwh', () => sessionFigures(timeline, row.charge_point, true));
      const next = withFigures({ ...previous, status: 'COMPLETED', end_date_time: at, last_updated: lastUpdated }, figures);
      const cdr = cdrFromSession(next, row.charge_point, priced!, now);
      if (closing.closedByTimeout) cdr.remark = CLOSED_BY_TIMEOUT_REMARK;
      return { next, timeline, cdr, closing };
    });
    return result.cdr ? { session: result.next, cdr: result.cdr } : { session: result.next };
  }

  async get(party: PartyRef, id: string): Promise<Session | null> {
    return (await new SessionRepository(this.db).get(party, id))?.data ?? null;
  }

  list(party: PartyRef, page: PageRequest, text?: string): Promise<PageResult<Session>> {
    return new SessionRepository(this.db).list(party, page, text);
  }

  /** The sessions of `local` whose token belongs to one of the calling partner's parties. */
  listForEmsps(local: PartyRef, emsps: readonly PartyRef[], page: PageRequest): Promise<PageResult<Session>> {
    return new SessionRepository(this.db).listForEmsps(local, emsps, page);
  }

  /** COMPLETED sessions that ended in [from, to) and have no CDR: for reconciliation. */
  async endedWithoutCdr(window: { from: Date; to: Date }): Promise<Session[]> {
    return (await new SessionRepository(this.db).endedWithoutCdr(window.from, window.to)).map((row) => row.data);
  }

  /** Sessions the CPO closed itself because their charger never sent the stop, ended in [from, to): for reconciliation. */
  async closedByTimeout(window: { from: Date; to: Date }): Promise<Session[]> {
    return (await new SessionRepository(this.db).closedByTimeout(window.from, window.to)).map((row) => row.data);
  }

  /** COMPLETED sessions that ended in [from, to), with the energy their meter readings span: for reconciliation. */
  async meteredSessions(window: { from: Date; to: Date }): Promise<MeteredSession[]> {
    const rows = await new SessionRepository(this.db).meterSpans(window.from, window.to);
    return rows.map((r) => ({
      party: { countryCode: r.country_code, partyId: r.party_id },
      session_id: r.session_id,
      meter_kwh: new Decimal(r.last_kwh).minus(r.first_kwh).toNumber(),
      closed_by_timeout: r.closed_by_timeout,
      flags: r.flags,
    }));
  }

  /** Sessions ended in [from, to) whose CDR's energy is more than `toleranceKwh` off their meter, or closed by timeout, with that CDR: for reconciliation. */
  async meterDisagreements(window: { from: Date; to: Date }, toleranceKwh: number): Promise<Array<{ session_id: string; meter_kwh: number; closed_by_timeout: boolean; cdr: CDR }>> {
    const rows = await new SessionRepository(this.db).meterDisagreements(window.from, window.to, toleranceKwh);
    return rows.map((r) => ({ session_id: r.session_id, meter_kwh: Number(r.meter_kwh), closed_by_timeout: r.closed_by_timeout, cdr: r.cdr }));
  }

  /** Sessions that ended in [from, to), counted: for the session success KPI. */
  async endedCounts(window: { from: Date; to: Date }): Promise<Array<{ party: PartyRef; counterpart: PartyRef; status: string; energy_flowed: boolean; count: number }>> {
    const rows = await new SessionRepository(this.db).endedCounts(window.from, window.to);
    return rows.map((r) => ({ party: { countryCode: r.country_code, partyId: r.party_id }, counterpart: { countryCode: r.emsp_country_code, partyId: r.emsp_party_id }, status: r.status, energy_flowed: r.energy_flowed, count: Number(r.count) }));
  }

  /** Applies one change to a running session under a row lock, stores it and queues its push (and its CDR). */
  private async change(party: PartyRef, id: string, apply: (row: CpoSessionRow, now: Date) => SessionChange): Promise<SessionChange> {
    const result = await this.db.transaction().execute(async (trx) => {
      const repository = new SessionRepository(trx);
      const row = await repository.getForUpdate(party, id);
      if (!row) throw OcpiError.notFound(`No session ${id}`);
      if (row.status !== 'ACTIVE' && row.status !== 'PENDING') throw new OcpiError(OcpiStatus.ClientError, `Session ${id} has ended (${row.status})`, 409);
      const changed = apply(row, new Date());
      await repository.update(party, changed.next, changed.timeline, changed.closing);
      await this.push(trx, row.data, changed.next);
      // Queued after the session's own update, so the eMSP sees it COMPLETED before the CDR arrives.
      if (changed.cdr) await this.cdrs.issue(trx, changed.cdr);
      return changed;
    });
    this.wakeOutbox();
    return result;
  }

  private async push(trx: Database, previous: Session | null, next: Session): Promise<void> {
    const local = { countryCode: next.country_code, partyId: next.party_id };
    const target = await tokenOwnerPeer(trx, local, { countryCode: next.cdr_token.country_code, partyId: next.cdr_token.party_id }, 'sessions');
    if (!target) return;
    const update = previous ? sessionUpdate(previous, next) : ({ method: 'PUT', body: next } as const);
    await enqueue(trx, [
      {
        peerId: target.peerId,
        kind: update.method === 'PUT' ? SESSION_PUT : SESSION_PATCH,
        module: 'sessions',
        interfaceRole: 'RECEIVER',
        method: update.method,
        path: [next.country_code, next.party_id, next.id],
        body: update.body,
        from: local,
        to: target.to,
        reference: next.id,
      },
    ]);
  }
}

function readingTime(at: string | undefined, now: Date): Date {
  return at ? parseOcpiDateTime(at)! : now;
}

function assertAfter(at: string, earlier: string): void {
  if (new Date(at) <= new Date(earlier)) throw OcpiError.invalid(`Invalid field at: ${at} is not after ${earlier}`);
}

/** Readings arrive in time order on a cumulative register (the tariff engine's timeline rules). */
function assertFollows(timeline: readonly StoredMeterSample[], sample: StoredMeterSample): void {
  const last = timeline.at(-1)!;
  assertAfter(sample.at, last.at);
  if (sample.energyKwh < last.energyKwh) throw OcpiError.invalid(`Invalid field meter_kwh: the register went back from ${last.energyKwh} to ${sample.energyKwh} kWh`);
}

/** Strictly increasing, so a receiver's "older is ignored" never drops one of our updates as a tie. */
function nextLastUpdated(previous: Session, now: Date): string {
  const floor = new Date(previous.last_updated).getTime() + 1;
  return formatOcpiDateTime(new Date(Math.max(now.getTime(), floor)));
}

function withFigures(session: Session, figures: SessionFigures): Session {
  const next: Session = { ...session, kwh: figures.kwh, charging_periods: figures.charging_periods ?? [] };
  if (figures.total_cost) next.total_cost = figures.total_cost;
  else delete next.total_cost;
  return next;
}

/** The engine's refusal is the caller's input at fault: 2001 (admin API 400) naming `field`. */
function withPricingErrors<T>(field: string, price: () => T): T {
  try {
    return price();
  } catch (error) {
    if (error instanceof TariffError) throw OcpiError.invalid(`Invalid field ${error.code === 'INVALID_TIME_ZONE' ? 'time_zone' : field}: ${error.message}`);
    throw error;
  }
}
