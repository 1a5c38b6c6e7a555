import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../support/evroam-process.js';
import { eventually } from '../support/roaming-pair.js';

const MAIN = resolve(import.meta.dirname, '../../src/cli/main.ts');
const TSX = import.meta.resolve('tsx');

export interface DemoSide {
  party: string;
  url: string;
  adminToken: string;
  /** Calls this side's admin API directly, as the test's source of expected figures. */
  api<T>(method: string, path: string, body?: unknown): Promise<T>;
}

export interface Demo {
  cpo: DemoSide;
  emsp: DemoSide;
  stop(): Promise<void>;
}

function side(party: string, url: string, adminToken: string): DemoSide {
  return {
    party,
    url,
    adminToken,
    async api<T>(method: string, path: string, body?: unknown) {
      const response = await fetch(`${url}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
  };
}

/**
 * `evroam demo` in its own process, as an operator would run it: a CPO and an eMSP with demo
 * data, kept running; resolves once both print their URL and admin token.
 */
export async function startDemo(): Promise<Demo> {
  const [cpoPort, emspPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ['--import', TSX, MAIN, 'demo', '--cpo-port', String(cpoPort), '--emsp-port', String(emspPort)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolveExit) => child.on('exit', () => resolveExit()));
  const line = (role: string) => new RegExp(`${role} +([A-Z]{2}-[A-Z0-9]{3}) {2}(http://\\S+) {2}admin token (\\S+)`).exec(output) ?? undefined;
  try {
    const [cpo, emsp] = await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`evroam demo exited with ${child.exitCode}:\n${output}`);
        const cpoLine = line('CPO');
        const emspLine = line('eMSP');
        return cpoLine && emspLine ? ([cpoLine, emspLine] as const) : undefined;
      },
      150_000,
      'the demo services',
    );
    return {
      cpo: side(cpo[1]!, cpo[2]!, cpo[3]!),
      emsp: side(emsp[1]!, emsp[2]!, emsp[3]!),
      async stop() {
        if (child.exitCode === null) child.kill('SIGINT');
        await exited;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
