import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../api/api-error.js';
import { hostedPartyParam } from '../../api/hosted-party-param.js';
import type { OcppVersion } from '../../ocpp/charger-events.js';
import type { HostedParties } from '../../peers/hosted-parties.js';
import type { ChargerRegistration, ChargerRegistry } from './charger-registry.js';
import type { ChargerRepository, ChargerRow, ChargerTransactionRow } from './charger-repository.js';

interface Params {
  party: string;
  id: string;
}

/**
 * Operators register a CPO party's chargers and see them: where each sits, whether it is
 * connected and in which OCPP version, what it said at boot, and its recent transactions.
 */
export function chargersApi(app: FastifyInstance, deps: { hosted: HostedParties; registry: ChargerRegistry; repository: ChargerRepository; versionOf(identity: string): OcppVersion | undefined }): void {
  const partyOf = (params: unknown) => hostedPartyParam(deps.hosted, (params as Params).party, 'CPO');
  const view = (row: ChargerRow) => chargerView(row, deps.versionOf(row.charge_box_id));
  const base = '/parties/:party/chargers';

  app.get(base, async (request) => (await deps.registry.list(partyOf(request.params))).map(view));

  app.post(base, async (request, reply) => {
    const body = request.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, 'Invalid body: expected a JSON object');
    const registered = await deps.registry.register(partyOf(request.params), body as ChargerRegistration);
    reply.code(201);
    return view(registered);
  });

  app.get(`${base}/:id`, async (request) => view(await found(request.params as Params)));

  app.get(`${base}/:id/transactions`, async (request) => {
    const charger = await found(request.params as Params);
    return (await deps.repository.listTransactions(charger.charge_box_id, 100)).map(transactionView);
  });

  app.delete(`${base}/:id`, async (request, reply) => {
    const params = request.params as Params;
    if (!(await deps.registry.remove(partyOf(params), params.id))) throw new ApiError(404, `No charger ${params.id}`);
    reply.code(204);
  });

  async function found(params: Params): Promise<ChargerRow> {
    const charger = await deps.registry.get(partyOf(params), params.id);
    if (!charger) throw new ApiError(404, `No charger ${params.id}`);
    return charger;
  }
}

function chargerView(row: ChargerRow, version: OcppVersion | undefined) {
  return {
    id: row.charge_box_id,
    party: `${row.country_code}-${row.party_id}`,
    location_id: row.location_id,
    connectors: row.connectors,
    password_protected: row.password_hash !== null,
    connected: version !== undefined,
    ocpp_version: version ?? null,
    boot: row.boot,
    booted_at: row.booted_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

function transactionView(row: ChargerTransactionRow) {
  return {
    transaction_id: row.transaction_id,
    session_id: row.session_id,
    status: row.status,
    ocpp_connector: row.ocpp_place,
    id_tag: row.id_tag,
    verdict: row.verdict,
    started_at: row.started_at,
    ended_at: row.ended_at,
    last_meter_kwh: row.last_meter_kwh,
    last_meter_at: row.last_meter_at,
    last_reading_kwh: row.last_reading_kwh,
    last_reading_at: row.last_reading_at,
    meter_offset_kwh: row.meter_offset_kwh,
    last_message_at: row.last_message_at,
    flags: row.flags,
    evidence: row.evidence,
  };
}
