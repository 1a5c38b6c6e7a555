import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../api/api-error.js';
import { hostedPartyParam } from '../../api/hosted-party-param.js';
import type { OcppVersion } from '../../ocpp/charger-events.js';
import type { HostedParties } from '../../peers/hosted-parties.js';
import type { ChargerRegistration, ChargerRegistry } from './charger-registry.js';
import type { ChargerRepository, ChargerRow, ChargerTransactionRow, PendingChargerRow } from './charger-repository.js';

interface Params {
  party: string;
  id: string;
}

/** `?status=` of the charger list: registered chargers are `accepted`, unknown ones held by auto-registration `pending`. */
const STATUSES = ['accepted', 'pending'] as const;
type ChargerStatus = (typeof STATUSES)[number];

/**
 * Operators register a CPO party's chargers and see them: where each sits, whether it is
 * connected and in which OCPP version, what it said at boot, and its recent transactions; and the
 * unknown chargers held Pending, which registering maps and accepts.
 */
export function chargersApi(app: FastifyInstance, deps: { hosted: HostedParties; registry: ChargerRegistry; repository: ChargerRepository; versionOf(identity: string): OcppVersion | undefined; lastMessageAt(identities: string[]): Promise<Map<string, Date>> }): void {
  const partyOf = (params: unknown) => hostedPartyParam(deps.hosted, (params as Params).party, 'CPO');
  const view = (row: ChargerRow) => chargerView(row, deps.versionOf(row.charge_box_id));
  const heldView = (row: PendingChargerRow) => pendingView(row, deps.versionOf(row.charge_box_id));
  const base = '/parties/:party/chargers';
  // When each charger last exchanged a frame with us, from the OCPP message log.
  const withActivity = async <T extends { id: string }>(views: T[]) => {
    const seen = await deps.lastMessageAt(views.map((v) => v.id));
    return views.map((v) => ({ ...v, last_message_at: seen.get(v.id.toUpperCase())?.toISOString() ?? null }));
  };

  app.get(base, async (request) => {
    const party = partyOf(request.params);
    const status = statusFilter((request.query as { status?: unknown }).status);
    const accepted = status === 'pending' ? [] : (await deps.registry.list(party)).map(view);
    const pending = status === 'accepted' ? [] : (await deps.registry.listPending(party)).map(heldView);
    return withActivity([...accepted, ...pending]);
  });

  app.post(base, async (request, reply) => {
    const body = request.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, 'Invalid body: expected a JSON object');
    const registered = await deps.registry.register(partyOf(request.params), body as ChargerRegistration);
    reply.code(201);
    return view(registered);
  });

  app.get(`${base}/:id`, async (request) => {
    const params = request.params as Params;
    const held = await deps.registry.pending(partyOf(params), params.id);
    return (await withActivity([held ? heldView(held) : view(await found(params))]))[0];
  });

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

function statusFilter(raw: unknown): ChargerStatus | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !STATUSES.includes(raw as ChargerStatus)) throw new ApiError(400, `Invalid field status: one of ${STATUSES.join(', ')}`, 'status');
  return raw as ChargerStatus;
}

function chargerView(row: ChargerRow, version: OcppVersion | undefined) {
  return {
    id: row.charge_box_id,
    party: `${row.country_code}-${row.party_id}`,
    status: 'accepted' as ChargerStatus,
    location_id: row.location_id,
    connectors: row.connectors,
    password_protected: row.password_hash !== null,
    connected: version !== undefined,
    ocpp_version: version ?? null,
    boot: row.boot,
    booted_at: row.booted_at,
    last_boot_at: row.booted_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** A charger held Pending: known by what it said at boot, mapped to nothing yet. */
function pendingView(row: PendingChargerRow, version: OcppVersion | undefined) {
  return {
    id: row.charge_box_id,
    party: `${row.country_code}-${row.party_id}`,
    status: 'pending' as ChargerStatus,
    location_id: null,
    connectors: [],
    password_protected: false,
    connected: version !== undefined,
    ocpp_version: version ?? null,
    boot: row.boot,
    booted_at: row.booted_at,
    last_boot_at: row.booted_at,
    first_seen_at: row.first_seen_at,
    last_seen_at: row.last_seen_at,
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
