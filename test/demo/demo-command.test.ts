import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/evroam-process.js';
import { eventually } from '../support/roaming-pair.js';

const MAIN = resolve(import.meta.dirname, '../../src/cli/main.ts');
const TSX = import.meta.resolve('tsx');

/** The summary table's rows by driver: each cell as printed. */
function summaryRows(stdout: string): Map<string, Record<string, string>> {
  const lines = stdout.slice(stdout.indexOf('\nSummary\n')).split('\n').filter((l) => l.startsWith('  '));
  const headers = lines[0]!.trim().split(/\s{2,}/);
  const rows = lines.slice(2).filter((l) => /^ {2}CB-/.test(l));
  return new Map(
    rows.map((line) => {
      const cells = line.trim().split(/\s{2,}/);
      const row = Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? '']));
      return [row.driver!, row];
    }),
  );
}

/**
 * `evroam demo`: with nothing set up, a CPO and an eMSP start on embedded databases, connect over
 * OCPI, exchange locations, tariffs and cards, and four drivers charge at simulated chargers; the
 * eMSP ends up with every session and a CDR priced by the CPO's tariffs.
 */
describe('evroam demo', () => {
  it('tells the roaming story and ends with CDRs at the eMSP priced by the tariffs (--exit)', async () => {
    const run = await runCli(['demo', '--exit']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/handshake\s+DE-MSP registers with token A: OCPI 2\.2\.1, credentials exchanged both ways/);
    expect(run.stdout).toMatch(/push\s+DE-MSP → NL-CPO: tokens PUT ×4/);
    expect(run.stdout).toMatch(/push\s+NL-CPO → DE-MSP: .*locations PUT ×2/);
    expect(run.stdout.match(/DE-MSP receives session /g)).toHaveLength(4);
    expect(run.stdout.match(/DE-MSP receives the CDR /g)).toHaveLength(4);
    expect(run.stdout).toMatch(/CB-HARBOUR-2 is back and replays \d+ queued messages/);

    const rows = summaryRows(run.stdout);
    // AC: 0.35 EUR/kWh + 0.50 per session; DC: 0.59 EUR/kWh + 1.00 per session (excl. VAT).
    const expected: Record<string, { kWh: string; authorization: string; excl: string }> = {
      Anna: { kWh: '11.000', authorization: 'AUTH_REQUEST', excl: '4.35 EUR' },
      Ben: { kWh: '11.100', authorization: 'AUTH_REQUEST', excl: '4.385 EUR' },
      Chloé: { kWh: '20.000', authorization: 'WHITELIST', excl: '12.80 EUR' },
      Dev: { kWh: '6.000', authorization: 'AUTH_REQUEST', excl: '2.60 EUR' },
    };
    for (const [driver, want] of Object.entries(expected)) {
      const row = rows.get(driver);
      expect(row, driver).toMatchObject({ 'session at eMSP': 'COMPLETED', kWh: want.kWh, authorization: want.authorization, 'CDR excl. VAT': want.excl });
      // 21 % VAT on every component.
      expect(Number.parseFloat(row!['incl. VAT']!)).toBeCloseTo(Number.parseFloat(want.excl) * 1.21, 3);
    }
    expect(rows.get('a stranger')).toMatchObject({ card: 'DEADBEEF', authorization: 'refused (Invalid)', 'CDR excl. VAT': '-' });
    expect(run.stdout).toContain('4 sessions with a CDR at DE-MSP, 24.135 EUR excl. VAT in all; 1 card refused; 0 charger errors.');
  });

  it('keeps both services running with their URLs and admin tokens until Ctrl-C', async () => {
    const child = spawn(process.execPath, ['--import', TSX, MAIN, 'demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
    try {
      const emsp = await eventually(async () => /eMSP DE-MSP {2}(http:\/\/127\.0\.0\.1:\d+) {2}admin token (\S+)/.exec(stdout) ?? undefined, 90_000, 'the running services');
      const cdrs = await fetch(`${emsp[1]}/api/parties/DE-MSP/received/cdrs`, { headers: { authorization: `Bearer ${emsp[2]}` } });
      expect(cdrs.status).toBe(200);
      expect(await cdrs.json()).toHaveLength(4);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      await expect(fetch(`${emsp[1]}/health`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
