import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/evroam-process.js';

function configWith(parties: unknown[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'evroam-hub-cli-')), 'evroam.config.json');
  writeFileSync(file, JSON.stringify({ port: 9, publicUrl: 'http://127.0.0.1:9', database: 'memory:', adminToken: 'hub-cli-admin-token-0123', parties }));
  return file;
}

describe('evroam hub', () => {
  it('names what is missing with exit code 2, before calling the service', async () => {
    const hub = configWith([{ countryCode: 'DE', partyId: 'HUB', roles: ['HUB'], name: 'Hub' }]);
    const missing = await runCli(['hub', 'agreement', 'add', '--cpo', 'NL-CPO', '--config', hub]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing --emsp');

    const cpoOnly = configWith([{ countryCode: 'NL', partyId: 'CPO', roles: ['CPO'], name: 'CPO' }]);
    const noHub = await runCli(['hub', 'agreement', 'list', '--config', cpoOnly]);
    expect(noHub.code).toBe(2);
    expect(noHub.stderr).toContain('no party of this configuration holds the HUB role');
  });
});
