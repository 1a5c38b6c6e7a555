import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { PartyRef } from '../../ocpi/headers.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import { OcpiStatus } from '../../ocpi/status-codes.js';
import { COMMAND_NAMES, COMMAND_REQUESTS, isCommandName, type CommandName } from '../../ocpi/command-requests.js';
import type { CommandResponse, CommandResultType } from '../../ocpi/types/commands.js';
import { parseOcpi } from '../../ocpi/validation.js';
import { enqueue } from '../../outbox/outbox.js';
import type { Database } from '../../store/database.js';
import type { ChargerAnswers, ChargerCommand, ChargerPort } from './charger-port.js';

/** Facts about our locations and sessions a command needs, from the modules that own them. */
export interface CommandTargets {
  /** Whether the location (and EVSE) exists at our party and is visible to `emsp`. */
  locationExists(party: PartyRef, emsp: PartyRef, locationId: string, evseUid?: string): Promise<boolean>;
  /** Whether the session exists at our party and was started with a token of `emsp`. */
  sessionBelongsTo(party: PartyRef, sessionId: string, emsp: PartyRef): Promise<boolean>;
}

/**
 * The CPO's Commands receiver (OCPI 2.2.1 "Commands"): answers each command at once with a
 * CommandResponse, hands it to the charger, and posts the CommandResult to the eMSP's
 * `response_url` when the charger answers or the timeout passes.
 */
export class CommandReceiverService implements ChargerAnswers {
  constructor(
    private readonly deps: { db: Database; charger: ChargerPort; targets: CommandTargets; wakeOutbox: () => void; log: FastifyBaseLogger; graceSeconds?: number },
  ) {}

  async receive(local: PartyRef, emsp: PartyRef, peerId: string, commandType: string, body: unknown): Promise<CommandResponse> {
    if (!isCommandName(commandType)) {
      throw OcpiError.invalid(`Invalid command ${JSON.stringify(commandType)}: expected one of ${COMMAND_NAMES.join(', ')}`);
    }
    const type = commandType;
    const request = parseOcpi(COMMAND_REQUESTS[type], body) as Record<string, unknown> & { response_url: string };
    const refusal = await this.refusal(type, request, local, emsp);
    if (refusal) return refusal;

    const command: ChargerCommand = { id: randomUUID(), party: local, emsp, type, request };
    // Stored before the charger hears of it, so even an instant answer finds its command.
    await this.deps.db
      .insertInto('charger_command')
      .values({
        id: command.id,
        country_code: local.countryCode,
        party_id: local.partyId,
        peer_id: peerId,
        emsp_country_code: emsp.countryCode,
        emsp_party_id: emsp.partyId,
        command: type,
        request: JSON.stringify(request),
        response_url: request.response_url,
        status: 'PENDING',
        result: null,
        timeout_at: new Date(Date.now() + 24 * 3600 * 1000),
        answered_at: null,
      })
      .execute();
    const outcome = await this.deps.charger.dispatch(command);
    if (!outcome.accepted) {
      await this.deps.db.updateTable('charger_command').set({ status: 'ANSWERED', result: outcome.response, answered_at: new Date() }).where('id', '=', command.id).execute();
      return { result: outcome.response, timeout: 0, message: [{ language: 'en', text: outcome.message }] };
    }
    const dueAt = new Date(Date.now() + (outcome.timeoutSeconds + (this.deps.graceSeconds ?? 0)) * 1000);
    await this.deps.db.updateTable('charger_command').set({ timeout_at: dueAt }).where('id', '=', command.id).execute();
    return { result: 'ACCEPTED', timeout: outcome.timeoutSeconds };
  }

  /** The charger's answer: queues the CommandResult for the eMSP once; a second answer is ignored. */
  async report(commandId: string, result: CommandResultType, message?: string): Promise<boolean> {
    const reported = await this.deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('charger_command')
        .set({ status: 'ANSWERED', result, answered_at: new Date() })
        .where('id', '=', commandId)
        .where('status', '=', 'PENDING')
        .returningAll()
        .executeTakeFirst();
      if (!row) return false;
      const body = message ? { result, message: [{ language: 'en', text: message }] } : { result };
      await enqueue(trx, [
        {
          peerId: row.peer_id,
          kind: 'command.result',
          module: 'commands',
          interfaceRole: 'SENDER',
          method: 'POST',
          path: [],
          targetUrl: row.response_url,
          body,
          from: { countryCode: row.country_code, partyId: row.party_id },
          to: { countryCode: row.emsp_country_code, partyId: row.emsp_party_id },
          reference: row.id,
        },
      ]);
      return true;
    });
    if (reported) this.deps.wakeOutbox();
    return reported;
  }

  /** Answers TIMEOUT for every command whose charger stayed silent past its timeout. */
  /**
   * START_SESSION commands received in [from, to), counted per party, eMSP and result (null while
   * the charger has not answered): the remote-start share of the authorization KPI.
   */
  async startOutcomes(window: { from: Date; to: Date }): Promise<Array<{ party: PartyRef; counterpart: PartyRef; result: string | null; count: number }>> {
    const rows = await this.deps.db
      .selectFrom('charger_command')
      .select(['country_code', 'party_id', 'emsp_country_code', 'emsp_party_id', 'result', (eb) => eb.fn.countAll<string>().as('count')])
      .where('command', '=', 'START_SESSION')
      .where('created_at', '>=', window.from)
      .where('created_at', '<', window.to)
      .groupBy(['country_code', 'party_id', 'emsp_country_code', 'emsp_party_id', 'result'])
      .execute();
    return rows.map((r) => ({ party: { countryCode: r.country_code, partyId: r.party_id }, counterpart: { countryCode: r.emsp_country_code, partyId: r.emsp_party_id }, result: r.result, count: Number(r.count) }));
  }

  async expireOverdue(): Promise<number> {
    const overdue = await this.deps.db.selectFrom('charger_command').select('id').where('status', '=', 'PENDING').where('timeout_at', '<', sql<Date>`now()`).limit(100).execute();
    let expired = 0;
    for (const { id } of overdue) if (await this.report(id, 'TIMEOUT', 'The charger did not answer in time')) expired++;
    return expired;
  }

  list(local: PartyRef, limit = 100) {
    return this.deps.db
      .selectFrom('charger_command')
      .selectAll()
      .where('country_code', '=', local.countryCode)
      .where('party_id', '=', local.partyId)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
  }

  private async refusal(type: CommandName, request: Record<string, unknown>, local: PartyRef, emsp: PartyRef): Promise<CommandResponse | null> {
    if (type === 'START_SESSION' || type === 'RESERVE_NOW' || type === 'UNLOCK_CONNECTOR') {
      const locationId = String(request.location_id);
      const evseUid = typeof request.evse_uid === 'string' ? request.evse_uid : undefined;
      // Unknown location: OCPI 2003, the spec's own example of that code ("Status codes").
      if (!(await this.deps.targets.locationExists(local, emsp, locationId, evseUid))) {
        throw new OcpiError(OcpiStatus.UnknownLocation, `Unknown location ${locationId}${evseUid ? ` / EVSE ${evseUid}` : ''}`);
      }
    }
    if (type === 'STOP_SESSION' && !(await this.deps.targets.sessionBelongsTo(local, String(request.session_id), emsp))) {
      return { result: 'UNKNOWN_SESSION', timeout: 0, message: [{ language: 'en', text: `No session ${String(request.session_id)} of yours here` }] };
    }
    return null;
  }
}
