import { randomBytes } from 'node:crypto';
import type { InterfaceRole } from '../ocpi/versions.js';
import { endpointUrl, type Peer } from '../peers/peer.js';
import type { Database } from '../store/database.js';
import { HUB_PROXY_PATH, hubPath } from './hub-interfaces.js';

/** A platform URL the hub stands in for, as the hub's proxy route finds it. */
export interface ProxiedUrl {
  id: string;
  targetPeerId: string;
  url: string;
  module: string;
  role: InterfaceRole;
  issuedToPeerId: string;
}

/**
 * Hub URLs standing in for platform URLs that one party hands another: a command's `response_url`,
 * a CDR's `Location`, a page's `Link` (OCPI 2.2.1 leaves their handling to the hub; parties behind
 * a hub cannot call each other). A URL below the platform's own endpoint of the module maps onto
 * the hub's endpoint of the same module and role, so it routes like any request; any other URL
 * gets a stored stand-in at `hub/proxy/{id}` that only the party it was handed to may call.
 */
export class UrlStandIns {
  constructor(
    private readonly db: Database,
    private readonly ocpiVersionUrl: string,
  ) {}

  async standIn(url: string, owner: Peer, module: string, role: InterfaceRole, issuedTo: Peer): Promise<string> {
    const mapped = mapBelowEndpoint(url, endpointUrl(owner, module, role), `${this.ocpiVersionUrl}/${hubPath(module, role)}`);
    if (mapped) return mapped;
    const id = randomBytes(18).toString('base64url');
    await this.db.insertInto('hub_proxy').values({ id, target_peer_id: owner.id, url, module, interface_role: role, issued_to_peer_id: issuedTo.id }).execute();
    return `${this.ocpiVersionUrl}/${HUB_PROXY_PATH}/${id}`;
  }

  async find(id: string): Promise<ProxiedUrl | null> {
    const row = await this.db.selectFrom('hub_proxy').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? { id: row.id, targetPeerId: row.target_peer_id, url: row.url, module: row.module, role: row.interface_role as InterfaceRole, issuedToPeerId: row.issued_to_peer_id } : null;
  }
}

/**
 * `url` with the platform's endpoint prefix replaced by the hub's, when `url` lies below that
 * endpoint (the endpoint itself, or followed by `/` or `?`); null otherwise.
 */
export function mapBelowEndpoint(url: string, endpoint: string | null, hubEndpoint: string): string | null {
  if (!endpoint) return null;
  const base = endpoint.replace(/\/+$/, '');
  if (!url.startsWith(base)) return null;
  const rest = url.slice(base.length);
  if (rest !== '' && !rest.startsWith('/') && !rest.startsWith('?')) return null;
  return `${hubEndpoint}${rest}`;
}

/** Every `<url>` of a Link header (RFC 8288) passed through `map`. */
export async function mapLinkHeader(header: string, map: (url: string) => Promise<string>): Promise<string> {
  const parts: string[] = [];
  let last = 0;
  for (const match of header.matchAll(/<([^>]*)>/g)) {
    parts.push(header.slice(last, match.index), `<${await map(match[1]!)}>`);
    last = match.index + match[0].length;
  }
  parts.push(header.slice(last));
  return parts.join('');
}
