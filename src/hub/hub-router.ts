import { peekStatusCode } from '../ocpi/envelope.js';
import { formatParty, OcpiHeader, sameParty, type PartyRef } from '../ocpi/headers.js';
import { OcpiError } from '../ocpi/ocpi-error.js';
import { OcpiStatus } from '../ocpi/status-codes.js';
import { joinUrl, type InterfaceRole } from '../ocpi/versions.js';
import { endpointUrl, type Peer } from '../peers/peer.js';
import type { PeerRepository } from '../peers/peer-repository.js';
import type { HubMessageKind } from '../store/tables/hub-tables.js';
import type { AgreementBook } from './agreement-book.js';
import type { Broadcaster } from './broadcaster.js';
import type { ClientInfoService } from './client-info-service.js';
import type { Forwarder, Hop } from './forwarder.js';
import { errorAnswer, type HubAnswer, type HubCall } from './hub-call.js';
import { servingRole, STORED_MODULES, type RoutedModule } from './hub-interfaces.js';
import type { MergedLists } from './merged-lists.js';
import type { MessageLog } from './message-log.js';
import type { PushedObjects } from './pushed-objects.js';
import type { RoutingTable } from './routing-table.js';
import { mapLinkHeader, type UrlStandIns } from './url-stand-ins.js';

export interface HubRouterDeps {
  peers: PeerRepository;
  routing: RoutingTable;
  agreements: AgreementBook;
  clients: ClientInfoService;
  forwarder: Forwarder;
  standIns: UrlStandIns;
  pushed: PushedObjects;
  broadcaster: Broadcaster;
  lists: MergedLists;
  log: MessageLog;
}

/**
 * The hub's routing (OCPI 2.2.1 "Message routing"). A request addressed to another party is sent
 * on to the platform that registered it, if the roaming agreements let the two exchange messages;
 * the destination's answer, 2xxx and 3xxx included, comes back as it was given. A request
 * addressed to the hub itself is a broadcast (pushes) or a merged list (GET). The hub's own errors:
 * 4000 no roaming agreement (or an answer that is not OCPI), 4001 unknown receiver, 4002 timeout,
 * 4003 receiver not connected. Every request is logged.
 */
export class HubRouter {
  constructor(private readonly deps: HubRouterDeps) {}

  async handle(call: HubCall): Promise<HubAnswer> {
    const started = performance.now();
    const hub = call.caller.localParty;
    this.deps.clients.heard(call.caller.peerId);
    const toHub = sameParty(call.routing.to, hub);
    const kind: HubMessageKind = toHub ? (call.method === 'GET' ? 'GET_ALL' : 'BROADCAST') : 'DIRECT';
    const answer = await this.answer(() => {
      if (!toHub) return this.direct(call, hub);
      return kind === 'GET_ALL' ? this.deps.lists.list(call) : this.deps.broadcaster.broadcast(call);
    });
    this.record(call, hub, kind, answer, started);
    return answer;
  }

  /** A call to a stand-in URL (`hub/proxy/{id}`): sent on to the platform URL it stands for, by the party it was handed to only. */
  async proxy(call: Omit<HubCall, 'module' | 'role'>, id: string): Promise<HubAnswer> {
    const started = performance.now();
    const hub = call.caller.localParty;
    this.deps.clients.heard(call.caller.peerId);
    const proxied = await this.deps.standIns.find(id);
    if (!proxied || proxied.issuedToPeerId !== call.caller.peerId) throw OcpiError.notFound(`No hub URL ${id} for this platform`);
    const logged = { ...call, module: proxied.module as RoutedModule, role: proxied.role };
    const answer = await this.answer(async () => {
      await this.requireAgreement(hub, call.routing.from, call.routing.to);
      const destination = (await this.deps.routing.platforms(hub)).find((p) => p.id === proxied.targetPeerId) ?? (await this.deps.peers.findById(proxied.targetPeerId));
      if (!destination || destination.status !== 'REGISTERED') throw new OcpiError(OcpiStatus.ReceiverNotConnected, `${formatParty(call.routing.to)} is no longer connected to this hub`);
      const hop = await this.deps.forwarder.send(destination, { method: call.method, url: proxied.url, routing: call.routing, correlationId: call.correlationId, body: bodyText(call.body) });
      return this.passBack(hub, hop, destination, call.routing.to, async (url) => url);
    });
    this.record(logged, hub, 'PROXY', answer, started);
    return answer;
  }

  private async direct(call: HubCall, hub: PartyRef): Promise<HubAnswer> {
    const { from, to } = call.routing;
    requireOwnObjects(call);
    const destination = await this.deps.routing.find(hub, to, servingRole(call.module, call.role));
    if (!destination) throw new OcpiError(OcpiStatus.UnknownReceiver, `Unknown receiver ${formatParty(to)}: no platform connected to this hub serves it`);
    await this.requireAgreement(hub, from, to);
    const endpoint = endpointUrl(destination, call.module, call.role);
    if (!endpoint) throw new OcpiError(OcpiStatus.UnknownReceiver, `Unknown receiver ${formatParty(to)}: its platform has no ${call.module} ${call.role} interface`);

    const { body, search } = await this.withCallbackStandIns(call, hub, destination);
    const hop = await this.deps.forwarder.send(destination, { method: call.method, url: joinUrl(endpoint, ...call.path) + search, routing: call.routing, correlationId: call.correlationId, body: bodyText(body) });
    const caller = await this.callerPlatform(hub, call);
    const answer = await this.passBack(hub, hop, destination, to, (url) => this.deps.standIns.standIn(url, destination, call.module, call.role, caller));
    if (this.keepsPush(call, answer)) {
      this.deps.pushed.keep({ recipient: to, module: call.module, method: call.method, path: call.path, query: new URLSearchParams(search), body, peerId: call.caller.peerId });
    }
    return answer;
  }

  /**
   * The destination's answer as it was given, with the URLs in `Link` and `Location` replaced by
   * hub URLs; or the hub's 4002/4003 when none came.
   */
  private async passBack(hub: PartyRef, hop: Hop, destination: Peer, to: PartyRef, standIn: (url: string) => Promise<string>): Promise<HubAnswer> {
    const hopIds = { forwardedRequestId: hop.requestId, destinationPeerId: destination.id };
    if (hop.kind === 'timeout') return errorAnswer(new OcpiError(OcpiStatus.ForwardTimeout, `${formatParty(to)} did not answer in time`), hopIds);
    if (hop.kind === 'unreachable') {
      await this.deps.clients.unreachable(hub, destination);
      return errorAnswer(new OcpiError(OcpiStatus.ReceiverNotConnected, `${formatParty(to)} is not connected: ${hop.reason}`), hopIds);
    }
    await this.deps.clients.answered(hub, destination);
    const status = peekStatusCode(hop.text);
    if (status === null) return errorAnswer(new OcpiError(OcpiStatus.HubError, `${formatParty(to)} answered HTTP ${hop.httpStatus} without an OCPI response`), hopIds);
    const headers: Record<string, string> = {};
    for (const name of [OcpiHeader.TotalCount, OcpiHeader.Limit]) {
      const value = single(hop.headers[name]);
      if (value !== undefined) headers[name] = value;
    }
    const link = single(hop.headers[OcpiHeader.Link]);
    if (link) headers[OcpiHeader.Link] = await mapLinkHeader(link, standIn);
    const location = single(hop.headers[OcpiHeader.Location]);
    if (location) headers[OcpiHeader.Location] = await standIn(location);
    return { httpStatus: hop.httpStatus, body: hop.text, headers, ocpiStatus: status, ...hopIds };
  }

  /**
   * The URLs a destination calls back (a command's or charging profile's `response_url`), replaced
   * by hub URLs, so the result comes back through the hub to the caller.
   */
  private async withCallbackStandIns(call: HubCall, hub: PartyRef, destination: Peer): Promise<{ body: unknown; search: string }> {
    if (call.role !== 'RECEIVER' || (call.module !== 'commands' && call.module !== 'chargingprofiles')) return { body: call.body, search: call.search };
    const caller = await this.callerPlatform(hub, call);
    const standIn = (url: string) => this.deps.standIns.standIn(url, caller, call.module, 'SENDER', destination);
    let body = call.body;
    if (isObject(body) && typeof body.response_url === 'string') body = { ...body, response_url: await standIn(body.response_url) };
    const query = new URLSearchParams(call.search);
    const responseUrl = query.get('response_url');
    if (responseUrl) query.set('response_url', await standIn(responseUrl));
    const search = query.size > 0 ? `?${query.toString()}` : '';
    return { body, search };
  }

  private async callerPlatform(hub: PartyRef, call: HubCall): Promise<Peer> {
    const peer = (await this.deps.routing.platforms(hub)).find((p) => p.id === call.caller.peerId) ?? (await this.deps.peers.findById(call.caller.peerId));
    if (!peer) throw new OcpiError(OcpiStatus.ServerError, 'The calling platform is no longer registered', 500);
    return peer;
  }

  private async requireAgreement(hub: PartyRef, from: PartyRef, to: PartyRef): Promise<void> {
    if (!(await this.deps.agreements.allows(hub, from, to))) {
      throw new OcpiError(OcpiStatus.HubError, `No roaming agreement between ${formatParty(from)} and ${formatParty(to)} at this hub: the request was not forwarded`);
    }
  }

  /** A push the destination took, or could not be given: kept, so a list addressed to the hub can serve it. */
  private keepsPush(call: HubCall, answer: HubAnswer): boolean {
    if (call.role !== 'RECEIVER' || !STORED_MODULES.includes(call.module) || call.method === 'GET') return false;
    const code = answer.ocpiStatus ?? 0;
    return (code >= 1000 && code < 2000) || code === OcpiStatus.ForwardTimeout || code === OcpiStatus.ReceiverNotConnected;
  }

  /** The work's answer, or the OCPI error it refused with as an answer (so that it is logged too). */
  private async answer(work: () => Promise<HubAnswer>): Promise<HubAnswer> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof OcpiError)) throw error;
      return errorAnswer(error);
    }
  }

  private record(call: HubCall, hub: PartyRef, kind: HubMessageKind, answer: HubAnswer, started: number): void {
    this.deps.log.record({
      hub_country_code: hub.countryCode.toUpperCase(),
      hub_party_id: hub.partyId.toUpperCase(),
      kind,
      request_id: call.requestId,
      forwarded_request_id: answer.forwardedRequestId ?? null,
      correlation_id: call.correlationId,
      method: call.method,
      module: call.module,
      interface_role: call.role,
      path: `/${call.path.join('/')}`,
      object_id: objectId(call.module, call.role, call.path, call.body),
      from_country_code: call.routing.from.countryCode.toUpperCase(),
      from_party_id: call.routing.from.partyId.toUpperCase(),
      to_country_code: call.routing.to.countryCode.toUpperCase(),
      to_party_id: call.routing.to.partyId.toUpperCase(),
      caller_peer_id: call.caller.peerId,
      destination_peer_id: answer.destinationPeerId ?? null,
      http_status: answer.httpStatus,
      ocpi_status: answer.ocpiStatus,
      latency_ms: Math.round(performance.now() - started),
      error: answer.error ?? null,
    });
  }
}

/** The object a request is about, for searching the log: what a URL names, or the id in the body. */
export function objectId(module: string, role: InterfaceRole, path: readonly string[], body: unknown): string | null {
  const fields = isObject(body) ? body : {};
  if (role === 'RECEIVER' && path.length >= 3) return path[2]!;
  if (module === 'commands' && role === 'RECEIVER') return stringField(fields.session_id) ?? stringField(fields.reservation_id) ?? stringField(fields.location_id);
  if (module === 'commands' && role === 'SENDER') return path[path.length - 1] ?? null;
  return path[0] ?? stringField(fields.id) ?? null;
}

/**
 * On a Receiver interface of client-owned objects the URL names the owner (`/{cc}/{pid}/…`): a
 * platform reads and writes only its own parties' objects there, never another's through the hub.
 */
function requireOwnObjects(call: HubCall): void {
  if (call.role !== 'RECEIVER' || !CLIENT_OWNED.includes(call.module) || call.path.length < 2) return;
  const owner = { countryCode: call.path[0]!, partyId: call.path[1]! };
  if (!call.caller.parties.some((p) => sameParty(p, owner))) throw OcpiError.invalid(`Invalid URL: ${formatParty(owner)} is not a party of the authenticated platform`);
}

const CLIENT_OWNED: readonly RoutedModule[] = ['locations', 'sessions', 'tariffs', 'tokens'];

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function bodyText(body: unknown): string | undefined {
  return body === undefined || body === null ? undefined : JSON.stringify(body);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
