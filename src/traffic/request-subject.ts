/** The OCPI 2.2.1 module identifiers a URL may name (OCPI 2.2.1 "Version information endpoint", ModuleID). */
export const MODULES = new Set(['cdrs', 'chargingprofiles', 'commands', 'credentials', 'hubclientinfo', 'locations', 'sessions', 'tariffs', 'tokens', 'versions']);

/** The version details endpoint ends with the version number: `/ocpi/2.2.1`. */
const VERSION = /^\d+\.\d+(\.\d+)?$/;

/** Receiver URLs name the owner before the id: `/{country_code}/{party_id}/{id}` (OCPI 2.2.1, e.g. "Sessions" Receiver interface). */
const COUNTRY_CODE = /^[A-Za-z]{2}$/;
const PARTY_ID = /^[A-Za-z0-9]{3}$/;

export interface RequestSubject {
  module: string | null;
  /** Upper case: OCPI ids are CiStrings. */
  objectIds: string[];
}

/**
 * What an OCPI request is about, read from its URL: the module named in the path and the id after
 * it (a location, session, CDR or tariff id, a token uid), past the owner's country code and party
 * id on Receiver URLs. Partners choose their endpoint URLs, but every URL layout we have met names
 * the module. A CDR POST names its CDR only in the body: its `id` and `session_id` are taken from
 * there. Commands name a command type, not an object, and give none.
 */
export function requestSubject(method: string, url: string, body: unknown): RequestSubject {
  const segments = pathSegments(url);
  let index = -1;
  for (let i = segments.length - 1; i >= 0; i--) {
    if (MODULES.has(segments[i]!.toLowerCase())) {
      index = i;
      break;
    }
  }
  if (index < 0) return { module: segments.length > 0 && VERSION.test(segments[segments.length - 1]!) ? 'versions' : null, objectIds: [] };
  const module = segments[index]!.toLowerCase();
  const rest = segments.slice(index + 1);
  const ids: string[] = [];
  if (module !== 'commands' && module !== 'credentials' && module !== 'versions') {
    const owned = rest.length >= 3 && COUNTRY_CODE.test(rest[0]!) && PARTY_ID.test(rest[1]!);
    const id = owned ? rest[2] : rest[0];
    if (id) ids.push(id);
  }
  if (module === 'cdrs' && method === 'POST' && body && typeof body === 'object') {
    const { id, session_id: sessionId } = body as { id?: unknown; session_id?: unknown };
    for (const value of [id, sessionId]) if (typeof value === 'string' && value !== '') ids.push(value);
  }
  return { module, objectIds: [...new Set(ids.map((id) => id.toUpperCase()))] };
}

function pathSegments(url: string): string[] {
  const path = url.replace(/^[a-z]+:\/\/[^/]*/i, '').split(/[?#]/, 1)[0]!;
  return path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}
