import { ConfigError } from '../config/config-error.js';
import { loadConfig } from '../config/load-config.js';
import { CliError } from './cli-error.js';

/**
 * Talks to a running evroam's admin API, found through the same config file and environment
 * variables as `serve` (EVROAM_API_URL points elsewhere when the service runs behind a proxy).
 */
export class AdminClient {
  constructor(
    private readonly baseUrl: string,
    private readonly adminToken: string,
  ) {}

  static fromConfig(configFile: string | undefined, env: NodeJS.ProcessEnv = process.env): AdminClient {
    try {
      const { config } = loadConfig({ file: configFile, env });
      const base = env.EVROAM_API_URL ?? `http://127.0.0.1:${config.port}`;
      return new AdminClient(base.replace(/\/+$/, ''), config.adminToken);
    } catch (error) {
      if (error instanceof ConfigError) throw new CliError(`${error.message} (the admin commands read the same config as 'evroam serve')`, 2);
      throw error;
    }
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${this.adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new CliError(`cannot reach the evroam admin API at ${this.baseUrl} (${cause}); is 'evroam serve' running?`);
    }
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) {
      const message = (parsed as { error?: { message?: string } } | undefined)?.error?.message ?? text;
      throw new CliError(`${method} /api${path} failed (HTTP ${response.status}): ${message}`, response.status === 400 ? 2 : 1);
    }
    return parsed as T;
  }
}
