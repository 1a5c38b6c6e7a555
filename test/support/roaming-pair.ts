import { mkdtempSync } from 'node:fs';
import pg from 'pg';
import type { StoredCredentialsRole } from '../../src/store/tables.js';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEvroam, type EvroamProcess, type PartyOption } from './evroam-process.js';
import { pgliteDirectoryUrl, type TestBackend } from './test-database.js';

export const CPO_PARTY: PartyOption = { countryCode: 'NL', partyId: 'CPO', roles: ['CPO'], name: 'Test CPO' };
export const EMSP_PARTY: PartyOption = { countryCode: 'DE', partyId: 'MSP', roles: ['EMSP'], name: 'Test eMSP' };

export function databaseFor(backend: TestBackend): string {
  return backend.name === 'pglite' ? pgliteDirectoryUrl(join(mkdtempSync(join(tmpdir(), 'evroam-db-')), 'data')) : backend.freshUrl();
}

/**
 * Connects two running evroam processes the way operators do: `peer invite` at one, `peer register`
 * at the other. Returns each side's peer id for the other.
 */
export async function connect(inviter: EvroamProcess, inviterParty: PartyOption, registrant: EvroamProcess, registrantParty: PartyOption): Promise<{ atInviter: string; atRegistrant: string }> {
  const invite = await inviter.cli(['peer', 'invite', '--party', `${inviterParty.countryCode}-${inviterParty.partyId}`]);
  if (invite.code !== 0) throw new Error(`peer invite failed: ${invite.stderr}`);
  const { versions_url, token } = JSON.parse(invite.stdout) as { versions_url: string; token: string };
  const registered = await registrant.cli(['peer', 'register', '--party', `${registrantParty.countryCode}-${registrantParty.partyId}`, '--versions-url', versions_url, `--token=${token}`]);
  if (registered.code !== 0) throw new Error(`peer register failed: ${registered.stderr}`);
  const atRegistrant = (JSON.parse(registered.stdout) as { id: string }).id;
  const peers = (await inviter.api<Array<{ id: string; status: string; parties: Array<{ country_code: string; party_id: string }> }>>('GET', '/peers')).body;
  const atInviter = peers.find((p) => p.status === 'REGISTERED' && p.parties.some((x) => x.country_code === registrantParty.countryCode && x.party_id === registrantParty.partyId))!.id;
  return { atInviter, atRegistrant };
}

/** The operator's starting data at the CPO: test/fixtures/roaming's tariffs and locations (LOC-HARBOUR), imported with `evroam import`. */
export async function importRoamingFixtures(cpo: EvroamProcess): Promise<void> {
  for (const module of ['tariffs', 'locations']) {
    const imported = await cpo.cli(['import', module, resolve(import.meta.dirname, `../fixtures/roaming/${module}.json`), '--party', 'NL-CPO']);
    if (imported.code !== 0) throw new Error(imported.stderr);
  }
}

/** Polls until `check` returns a value that is not undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The credentials token a process uses towards its partner, read from its database (no API shows it). */
export async function outgoingToken(databaseUrl: string, localPartyId: string, partnerPartyId: string): Promise<string> {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get('schema')!;
  url.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ outgoing_token: string; roles: StoredCredentialsRole[] }>(`select outgoing_token, roles from "${schema}".peer where status = 'REGISTERED' and local_party_id = $1`, [localPartyId]);
    return rows.find((r) => r.roles.some((role) => role.party_id === partnerPartyId))!.outgoing_token;
  } finally {
    await client.end();
  }
}

export { startEvroam };
