import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'src/cli/main.ts');
/** tsx's loader by absolute URL, so processes started in a temporary folder still find it. */
const TSX = import.meta.resolve('tsx');

export interface PartyOption {
  countryCode: string;
  partyId: string;
  roles: Array<'CPO' | 'EMSP' | 'HUB'>;
  name: string;
}

export interface EvroamProcess {
  url: string;
  versionsUrl: string;
  adminToken: string;
  configFile: string;
  directory: string;
  /** Runs `evroam ARGS…` against this process's config; resolves with its output and exit code. */
  cli(args: string[]): Promise<CliResult>;
  /** Calls the admin API directly. */
  api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  output(): string;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Runs the CLI from source in a child process, exactly as an operator would run the binary. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): Promise<CliResult> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolveRun({ code, stdout, stderr }));
  });
}

/** Starts `evroam serve` in its own process with its own config file and waits until /health answers. */
export async function startEvroam(options: { database: string; parties: PartyOption[]; directory?: string; port?: number; extra?: Record<string, unknown> }): Promise<EvroamProcess> {
  const directory = options.directory ?? mkdtempSync(join(tmpdir(), 'evroam-'));
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const adminToken = randomBytes(18).toString('base64url');
  const configFile = join(directory, 'evroam.config.json');
  writeFileSync(
    configFile,
    JSON.stringify({ port, host: '127.0.0.1', publicUrl: url, database: options.database, adminToken, parties: options.parties, logLevel: 'warn', requestTimeoutMs: 5000, ...options.extra }),
  );
  const child: ChildProcess = spawn(process.execPath, ['--import', TSX, MAIN, 'serve', '--config', configFile], {
    cwd: directory,
    env: { ...process.env, EVROAM_CONFIG: '', EVROAM_PORT: '', EVROAM_DATABASE_URL: '', EVROAM_ADMIN_TOKEN: '', EVROAM_PUBLIC_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`evroam exited with ${child.exitCode} before it was ready:\n${log}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`evroam did not become healthy within 90 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    versionsUrl: `${url}/ocpi/versions`,
    adminToken,
    configFile,
    directory,
    cli: (args) => runCli([...args, '--config', configFile]),
    async api<T>(method: string, path: string, body?: unknown) {
      const response = await fetch(`${url}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
    output: () => log,
  };
}
