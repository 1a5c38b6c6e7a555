import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, dropTestSchemas, pgliteDirectoryUrl, type TestBackend } from '../support/test-database.js';
import { startEvroam, type EvroamProcess } from '../support/evroam-process.js';

const CPO = { countryCode: 'NL', partyId: 'CPO', roles: ['CPO' as const], name: 'Test CPO' };
const EMSP = { countryCode: 'DE', partyId: 'MSP', roles: ['EMSP' as const], name: 'Test eMSP' };

function databaseFor(backend: TestBackend): string {
  return backend.name === 'pglite' ? pgliteDirectoryUrl(join(mkdtempSync(join(tmpdir(), 'evroam-db-')), 'data')) : backend.freshUrl();
}

interface PeerView {
  id: string;
  status: string;
  version: string;
  parties: Array<{ role: string; country_code: string; party_id: string }>;
  endpoints: Array<{ identifier: string; url: string }>;
}

async function ocpiGet(url: string, token?: string, raw = false) {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Token ${raw ? token : Buffer.from(token).toString('base64')}`;
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as { status_code: number; status_message?: string; data?: unknown } };
}

async function ocpiSend(method: string, url: string, token: string, body: string) {
  const response = await fetch(url, { method, headers: { authorization: `Token ${Buffer.from(token).toString('base64')}`, 'content-type': 'application/json' }, body });
  return { status: response.status, body: (await response.json()) as { status_code: number; status_message?: string; data?: unknown } };
}

describe.each(backends)('credentials handshake between two evroam processes on $name', (backend) => {
  let cpo: EvroamProcess;
  let emsp: EvroamProcess;

  beforeAll(async () => {
    [cpo, emsp] = await Promise.all([startEvroam({ database: databaseFor(backend), parties: [CPO] }), startEvroam({ database: databaseFor(backend), parties: [EMSP] })]);
  });

  afterAll(async () => {
    await Promise.all([cpo?.stop(), emsp?.stop()]);
    await dropTestSchemas();
  });

  it('completes when the eMSP initiates, and each side reads the other with the token it received', async () => {
    const invite = await cpo.cli(['peer', 'invite', '--party', 'NL-CPO']);
    expect(invite.code, invite.stderr).toBe(0);
    const tokenA = JSON.parse(invite.stdout) as { versions_url: string; token: string };
    expect(tokenA.versions_url).toBe(cpo.versionsUrl);

    const register = await emsp.cli(['peer', 'register', '--party', 'DE-MSP', '--versions-url', tokenA.versions_url, `--token=${tokenA.token}`]);
    expect(register.code, register.stderr).toBe(0);
    const atEmsp = JSON.parse(register.stdout) as PeerView;
    expect(atEmsp.status).toBe('REGISTERED');
    expect(atEmsp.version).toBe('2.2.1');
    expect(atEmsp.parties).toEqual([{ role: 'CPO', country_code: 'NL', party_id: 'CPO', name: 'Test CPO' }]);

    const cpoList = await cpo.cli(['peer', 'list']);
    const atCpo = (JSON.parse(cpoList.stdout) as PeerView[]).find((p) => p.status === 'REGISTERED')!;
    expect(atCpo.parties.map((p) => `${p.country_code}-${p.party_id}/${p.role}`)).toEqual(['DE-MSP/EMSP']);
    expect(cpoList.stdout).not.toContain(tokenA.token);

    // Each side fetches the other's version details with the token it holds now.
    const fromEmsp = await emsp.cli(['peer', 'check', '--id', atEmsp.id]);
    expect(fromEmsp.code, fromEmsp.stderr).toBe(0);
    expect((JSON.parse(fromEmsp.stdout) as { endpoints: Array<{ identifier: string }> }).endpoints.map((e) => e.identifier)).toContain('credentials');
    const fromCpo = await cpo.cli(['peer', 'check', '--id', atCpo.id]);
    expect(fromCpo.code, fromCpo.stderr).toBe(0);
    expect(JSON.parse(fromCpo.stdout)).toMatchObject({ version: '2.2.1' });

    // Token A is dead once used.
    const reused = await ocpiGet(cpo.versionsUrl, tokenA.token);
    expect(reused.status).toBe(401);
    expect(reused.body.status_code).toBe(2000);
  });

  it('completes when the CPO initiates', async () => {
    const invite = JSON.parse((await emsp.cli(['peer', 'invite', '--party', 'DE-MSP'])).stdout) as { versions_url: string; token: string };
    const register = await cpo.cli(['peer', 'register', '--party', 'NL-CPO', '--versions-url', invite.versions_url, `--token=${invite.token}`]);
    // The eMSP already has a live connection for NL-CPO from the first test, so it refuses a second.
    expect(register.code).toBe(1);
    expect(register.stderr).toMatch(/NL-CPO is already registered/);

    // Unregister the first connection from the CPO side, then the CPO-initiated handshake goes through.
    const peers = JSON.parse((await cpo.cli(['peer', 'list'])).stdout) as PeerView[];
    const live = peers.find((p) => p.status === 'REGISTERED')!;
    const unregistered = await cpo.cli(['peer', 'unregister', '--id', live.id]);
    expect(unregistered.code, unregistered.stderr).toBe(0);
    expect(JSON.parse(unregistered.stdout)).toMatchObject({ status: 'UNREGISTERED' });
    const emspPeers = JSON.parse((await emsp.cli(['peer', 'list'])).stdout) as PeerView[];
    expect(emspPeers.filter((p) => p.status === 'REGISTERED')).toEqual([]);

    const again = await cpo.cli(['peer', 'register', '--party', 'NL-CPO', '--versions-url', invite.versions_url, `--token=${invite.token}`]);
    expect(again.code, again.stderr).toBe(0);
    const atCpo = JSON.parse(again.stdout) as PeerView;
    expect(atCpo).toMatchObject({ status: 'REGISTERED', version: '2.2.1' });
    const check = await cpo.cli(['peer', 'check', '--id', atCpo.id]);
    expect(check.code, check.stderr).toBe(0);
    const atEmsp = (JSON.parse((await emsp.cli(['peer', 'list'])).stdout) as PeerView[]).find((p) => p.status === 'REGISTERED')!;
    expect(atEmsp.parties.map((p) => `${p.country_code}-${p.party_id}`)).toEqual(['NL-CPO']);
    expect((await emsp.cli(['peer', 'check', '--id', atEmsp.id])).code).toBe(0);
  });

  it('rotates tokens from either side and keeps the connection working', async () => {
    const atCpo = (JSON.parse((await cpo.cli(['peer', 'list'])).stdout) as PeerView[]).find((p) => p.status === 'REGISTERED')!;
    const rotated = await cpo.cli(['peer', 'rotate', '--id', atCpo.id]);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect((await cpo.cli(['peer', 'check', '--id', atCpo.id])).code).toBe(0);
    const atEmsp = (JSON.parse((await emsp.cli(['peer', 'list'])).stdout) as PeerView[]).find((p) => p.status === 'REGISTERED')!;
    expect((await emsp.cli(['peer', 'rotate', '--id', atEmsp.id])).code).toBe(0);
    expect((await emsp.cli(['peer', 'check', '--id', atEmsp.id])).code).toBe(0);
    expect((await cpo.cli(['peer', 'check', '--id', atCpo.id])).code).toBe(0);
  });

  it('answers 401 with an OCPI envelope for an unknown or missing token', async () => {
    const unknown = await ocpiGet(cpo.versionsUrl, 'no-such-token');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ status_code: 2000 });
    expect(typeof (unknown.body as { timestamp?: string }).timestamp).toBe('string');
    const missing = await ocpiGet(`${cpo.url}/ocpi/2.2.1`);
    expect(missing.status).toBe(401);
    expect(missing.body.status_code).toBe(2000);
    const rawUnknown = await ocpiGet(`${cpo.url}/ocpi/2.2.1/credentials`, 'no-such-token', true);
    expect(rawUnknown.status).toBe(401);
  });

  it('refuses malformed JSON and wrong field types on credentials POST, and writes nothing', async () => {
    const invite = JSON.parse((await cpo.cli(['peer', 'invite', '--party', 'NL-CPO'])).stdout) as { token: string };
    const credentialsUrl = `${cpo.url}/ocpi/2.2.1/credentials`;
    const before = JSON.parse((await cpo.cli(['peer', 'list'])).stdout) as PeerView[];

    const malformed = await ocpiSend('POST', credentialsUrl, invite.token, '{"token": "abc", "url": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.status_code).toBe(2001);

    const wrongType = await ocpiSend('POST', credentialsUrl, invite.token, JSON.stringify({ token: 'abc', url: 'http://127.0.0.1:1/ocpi/versions', roles: 'CPO' }));
    expect(wrongType.status).toBe(200);
    expect(wrongType.body.status_code).toBe(2001);
    expect(wrongType.body.status_message).toMatch(/roles/);

    const badRole = await ocpiSend('POST', credentialsUrl, invite.token, JSON.stringify({ token: 'abc', url: 'http://127.0.0.1:1/ocpi/versions', roles: [{ role: 'EMSP', party_id: 'TOOLONG', country_code: 'DE', business_details: { name: 'x' } }] }));
    expect(badRole.body.status_code).toBe(2001);
    expect(badRole.body.status_message).toMatch(/roles\[0\]\.party_id/);

    // The partner's versions cannot be read: 3001, and still nothing written.
    const unreachable = await ocpiSend('POST', credentialsUrl, invite.token, JSON.stringify({ token: 'abc', url: 'http://127.0.0.1:1/ocpi/versions', roles: [{ role: 'EMSP', party_id: 'XYZ', country_code: 'DE', business_details: { name: 'x' } }] }));
    expect(unreachable.body.status_code).toBe(3001);

    const after = JSON.parse((await cpo.cli(['peer', 'list'])).stdout) as PeerView[];
    expect(after).toEqual(before);
    // Token A is still unused, so it still opens the versions endpoint.
    expect((await ocpiGet(cpo.versionsUrl, invite.token)).status).toBe(200);
    // … but not a functional module or the version's other endpoints beyond registration.
    const details = await ocpiGet(`${cpo.url}/ocpi/2.2.1`, invite.token);
    expect(details.body.status_code).toBe(1000);
  });

  it('answers 405 to a second POST and to PUT or DELETE before registration', async () => {
    const invite = JSON.parse((await emsp.cli(['peer', 'invite', '--party', 'DE-MSP'])).stdout) as { token: string };
    const credentialsUrl = `${emsp.url}/ocpi/2.2.1/credentials`;
    const put = await ocpiSend('PUT', credentialsUrl, invite.token, JSON.stringify({ token: 'abc', url: 'http://127.0.0.1:1/ocpi/versions', roles: [{ role: 'CPO', party_id: 'XYZ', country_code: 'NL', business_details: { name: 'x' } }] }));
    expect(put.status).toBe(405);
    const del = await fetch(credentialsUrl, { method: 'DELETE', headers: { authorization: `Token ${Buffer.from(invite.token).toString('base64')}` } });
    expect(del.status).toBe(405);
  });
});
