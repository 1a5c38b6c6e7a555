import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.js';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'evroam-config-'));
}

const VALID = {
  port: 9000,
  publicUrl: 'https://roaming.example.com/',
  database: 'postgres://db/evroam',
  adminToken: 'a-long-enough-admin-token',
  parties: [{ countryCode: 'NL', partyId: 'CPO', roles: ['CPO'], name: 'CPO' }],
};

function expectConfigError(run: () => unknown, field: string): void {
  try {
    run();
    expect.unreachable();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe(field);
    expect((error as Error).message).toContain(field);
  }
}

describe('configuration', () => {
  it('reads the file, fills defaults and strips the trailing slash of publicUrl', () => {
    const dir = folder();
    writeFileSync(join(dir, 'c.json'), JSON.stringify(VALID));
    const { config } = loadConfig({ file: 'c.json', cwd: dir, env: {} });
    expect(config).toMatchObject({ port: 9000, publicUrl: 'https://roaming.example.com', pageLimit: 100, host: '0.0.0.0', partnerDeliveryConcurrency: 8 });
  });

  it('lets environment variables override the file, and EVROAM_CONFIG name it', () => {
    const dir = folder();
    writeFileSync(join(dir, 'named.json'), JSON.stringify(VALID));
    const env = { EVROAM_CONFIG: 'named.json', EVROAM_PORT: '9100', EVROAM_PUBLIC_URL: 'http://x:9100', EVROAM_DATABASE_URL: 'file:./other', EVROAM_ADMIN_TOKEN: 'another-long-admin-token' };
    const { config } = loadConfig({ cwd: dir, env });
    expect(config).toMatchObject({ port: 9100, publicUrl: 'http://x:9100', database: 'file:./other', adminToken: 'another-long-admin-token' });
  });

  it('names the field at fault', () => {
    const dir = folder();
    const write = (value: unknown) => writeFileSync(join(dir, 'c.json'), JSON.stringify(value));
    write({ ...VALID, port: 'eighty' });
    expectConfigError(() => loadConfig({ file: 'c.json', cwd: dir, env: {} }), 'port');
    write({ ...VALID, parties: [{ ...VALID.parties[0], partyId: 'TOOLONG' }] });
    expectConfigError(() => loadConfig({ file: 'c.json', cwd: dir, env: {} }), 'parties[0].partyId');
    write({ ...VALID, parties: [{ ...VALID.parties[0], roles: ['DRIVER'] }] });
    expectConfigError(() => loadConfig({ file: 'c.json', cwd: dir, env: {} }), 'parties[0].roles[0]');
    write({ ...VALID, adminToken: 'short' });
    expectConfigError(() => loadConfig({ file: 'c.json', cwd: dir, env: {} }), 'adminToken');
    write({ ...VALID, partnerDeliveryConcurrency: 0 });
    expectConfigError(() => loadConfig({ file: 'c.json', cwd: dir, env: {} }), 'partnerDeliveryConcurrency');
    write({ ...VALID, parties: [VALID.parties[0], VALID.parties[0]] });
    expectConfigError(() => loadConfig({ file: 'c.json', cwd: dir, env: {} }), 'parties[1]');
    writeFileSync(join(dir, 'c.json'), '{ not json');
    expectConfigError(() => loadConfig({ file: 'c.json', cwd: dir, env: {} }), 'file');
    expectConfigError(() => loadConfig({ file: 'missing.json', cwd: dir, env: {} }), 'file');
    expectConfigError(() => loadConfig({ file: 'missing.json', cwd: dir, env: { EVROAM_PORT: '80a' } }), 'file');
  });

  it('writes a usable first-run configuration with one CPO and one eMSP party and a fresh admin token', () => {
    const dir = folder();
    const loaded = loadConfig({ cwd: dir, env: {}, createIfMissing: true });
    expect(loaded.createdAdminToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(loaded.config.database).toBe('file:./data');
    expect(loaded.config.parties.map((p) => p.roles[0])).toEqual(['CPO', 'EMSP']);
    const file = join(dir, 'evroam.config.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).adminToken).toBe(loaded.createdAdminToken);
    // The file holds a secret: readable by its owner only.
    expect(statSync(file).mode & 0o077).toBe(0);
    // The second start reads it back and prints no new token.
    expect(loadConfig({ cwd: dir, env: {}, createIfMissing: true }).createdAdminToken).toBeUndefined();
  });
});
