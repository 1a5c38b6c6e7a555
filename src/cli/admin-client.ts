import { ConfigError } from '../config/config-error.js';
import type { PartyConfig } from '../config/config-schema.js';
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
    /** The parties the service hosts, as its config lists them. */
    readonly parties: readonly PartyConfig[] = [],
  ) {}

  static fromConfig(configFile: string | undefined, env: NodeJS.ProcessEnv = process.env): AdminClient {
    try {
      const { config } = loadConfig({ file: configFile, env });
      const base = env.EVROAM_API_URL ?? `http://127.0.0.1:${config.port}`;
      return new AdminClient(base.replace(/\/+$/, ''), config.adminToken, config.parties);
    } catch (error) {
      if (error instanceof ConfigError) throw new CliError(`${error.message} (the admin commands read the same config as 'evroam serve')`, 2);
      throw error;
    }
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const text = await this.send(method, path, body === undefined ? undefined : { type: 'application/json', text: JSON.stringify(body) });
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A call whose body or answer is not JSON (CSV exports and imports): the answer's text. */
  async send(method: string, path: string, body?: { type: string; text: string }): Promise<string> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${this.adminToken}`, ...(body === undefined ? {} : { 'content-type': body.type }) },
        body: body?.text,
        signal: AbortSignal.timeout(60_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new CliError(`cannot reach the evroam admin API at ${this.baseUrl} (${cause}); is 'evroam serve' running?`);
    }
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text;
      } catch {
        // Not the admin API's JSON error (a proxy's page): shown as it came.
      }
      throw new CliError(`${method} /api${path} failed (HTTP ${response.status}): ${message}`, response.status === 400 ? 2 : 1);
    }
    return text;
  }
}
