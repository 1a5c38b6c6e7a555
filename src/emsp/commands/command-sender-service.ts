import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { sameParty, type PartyRef } from '../../ocpi/headers.js';
import type { OcpiClient } from '../../ocpi/ocpi-client.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import { OcpiStatus } from '../../ocpi/status-codes.js';
import { COMMAND_REQUESTS, type CommandName } from '../../ocpi/command-requests.js';
import { CommandResponse, CommandResult } from '../../ocpi/types/commands.js';
import { findProblems, parseOcpi } from '../../ocpi/validation.js';
import { joinUrl } from '../../ocpi/versions.js';
import { endpointUrl } from '../../peers/peer.js';
import type { PeerRepository } from '../../peers/peer-repository.js';
import type { Database } from '../../store/database.js';
import type { SentCommandTable } from '../../store/tables/command-tables.js';

export type SentCommand = Selectable<SentCommandTable>;

/**
 * The eMSP's side of commands (OCPI 2.2.1 "Commands", sender): each command gets its own
 * `response_url`, the CPO's synchronous CommandResponse and its later CommandResult are recorded,
 * and a result that never comes is marked TIMED_OUT.
 */
export class CommandSenderService {
  constructor(private readonly deps: { db: Database; peers: PeerRepository; client: OcpiClient; ocpiVersionUrl: string; resultsPath: string; graceSeconds?: number }) {}

  async send(local: PartyRef, cpo: PartyRef, command: CommandName, fields: Record<string, unknown>): Promise<SentCommand> {
    const peer = (await this.deps.peers.registeredWithRole(local, 'CPO')).find((p) => p.roles.some((r) => r.role === 'CPO' && sameParty({ countryCode: r.country_code, partyId: r.party_id }, cpo)));
    if (!peer) throw OcpiError.invalid(`Invalid field to: no registered CPO partner ${cpo.countryCode}-${cpo.partyId}`);
    const endpoint = endpointUrl(peer, 'commands', 'RECEIVER');
    if (!endpoint) throw new OcpiError(OcpiStatus.NoMatchingEndpoints, `CPO ${cpo.countryCode}-${cpo.partyId} publishes no commands receiver`);

    const id = randomUUID();
    // Strict out: what we send must be a valid command, checked before the partner sees it.
    const request = parseOcpi(COMMAND_REQUESTS[command], { ...fields, response_url: `${this.deps.ocpiVersionUrl}/${this.deps.resultsPath}/${command}/${id}` });
    const now = new Date();
    await this.deps.db
      .insertInto('sent_command')
      .values({ id, country_code: local.countryCode, party_id: local.partyId, peer_id: peer.id, cpo_country_code: cpo.countryCode, cpo_party_id: cpo.partyId, command, request: JSON.stringify(request), status: 'SENDING', response: null, result: null, result_due_at: null, error: null, updated_at: now })
      .execute();

    try {
      const answer = await this.deps.client.request<unknown>('POST', joinUrl(endpoint, command), { token: peer.outgoingToken!, encoding: peer.outgoingTokenEncoding, routing: { from: local, to: cpo } }, request);
      const problems = findProblems(CommandResponse, answer.envelope.data);
      if (problems.length > 0) throw new OcpiError(OcpiStatus.UnableToUseClientApi, `CPO answered an invalid CommandResponse: ${problems[0]!.field} ${problems[0]!.message}`);
      const response = answer.envelope.data as CommandResponse;
      const accepted = response.result === 'ACCEPTED';
      const dueAt = accepted ? new Date(Date.now() + (response.timeout + (this.deps.graceSeconds ?? 5)) * 1000) : null;
      return await this.update(id, { status: accepted ? 'ACCEPTED' : 'REJECTED', response: JSON.stringify(response), result_due_at: dueAt, error: null });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.update(id, { status: 'FAILED', error: message });
      throw error;
    }
  }

  /**
   * The CPO's CommandResult at the command's own URL. Only the partner the command went to may
   * answer it; a repeated or late answer is acknowledged and the first result kept.
   */
  async receiveResult(peerId: string, command: string, id: string, body: unknown): Promise<void> {
    const result = parseOcpi(CommandResult, body);
    const sent = await this.deps.db.selectFrom('sent_command').selectAll().where('id', '=', id).executeTakeFirst();
    if (!sent || sent.peer_id !== peerId || sent.command !== command.toUpperCase()) throw OcpiError.notFound(`No command ${command}/${id} of yours`);
    if (sent.result !== null) return;
    await this.update(id, { status: 'RESULT_RECEIVED', result: JSON.stringify(result) });
  }

  async get(local: PartyRef, id: string): Promise<SentCommand | null> {
    const row = await this.deps.db.selectFrom('sent_command').selectAll().where('id', '=', id).where('country_code', '=', local.countryCode).where('party_id', '=', local.partyId).executeTakeFirst();
    return row ?? null;
  }

  list(local: PartyRef, limit = 100): Promise<SentCommand[]> {
    return this.deps.db.selectFrom('sent_command').selectAll().where('country_code', '=', local.countryCode).where('party_id', '=', local.partyId).orderBy('created_at', 'desc').limit(limit).execute();
  }

  /** Marks accepted commands whose result is overdue; a result that arrives later still counts. */
  /**
   * START_SESSION commands sent in [from, to), counted per party, CPO and outcome: the CPO's
   * CommandResult, REJECTED, TIMED_OUT or FAILED, and null while the result is awaited.
   */
  async startOutcomes(window: { from: Date; to: Date }): Promise<Array<{ party: PartyRef; counterpart: PartyRef; result: string | null; count: number }>> {
    const outcome = sql<string | null>`case when status = 'RESULT_RECEIVED' then result->>'result' when status in ('REJECTED', 'TIMED_OUT', 'FAILED') then status end`;
    const rows = await this.deps.db
      .selectFrom('sent_command')
      .select(['country_code', 'party_id', 'cpo_country_code', 'cpo_party_id', outcome.as('outcome'), (eb) => eb.fn.countAll<string>().as('count')])
      .where('command', '=', 'START_SESSION')
      .where('created_at', '>=', window.from)
      .where('created_at', '<', window.to)
      .groupBy(['country_code', 'party_id', 'cpo_country_code', 'cpo_party_id', outcome])
      .execute();
    return rows.map((r) => ({ party: { countryCode: r.country_code, partyId: r.party_id }, counterpart: { countryCode: r.cpo_country_code, partyId: r.cpo_party_id }, result: r.outcome, count: Number(r.count) }));
  }

  async expireOverdue(): Promise<number> {
    const result = await this.deps.db
      .updateTable('sent_command')
      .set({ status: 'TIMED_OUT', updated_at: new Date() })
      .where('status', '=', 'ACCEPTED')
      .where('result_due_at', '<', sql<Date>`now()`)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  private async update(id: string, values: Partial<Pick<SentCommand, 'status' | 'result_due_at' | 'error'>> & { response?: string; result?: string }): Promise<SentCommand> {
    return this.deps.db.updateTable('sent_command').set({ ...values, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }
}
