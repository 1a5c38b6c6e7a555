import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { CONFIG_DEFAULTS, ConfigSchema, type Config } from './config-schema.js';
import { ConfigError } from './config-error.js';

export const DEFAULT_CONFIG_FILE = 'evroam.config.json';

/** Environment variables that override the file, and the field each one sets. */
const ENVIRONMENT_OVERRIDES = {
  EVROAM_PORT: 'port',
  EVROAM_HOST: 'host',
  EVROAM_PUBLIC_URL: 'publicUrl',
  EVROAM_DATABASE_URL: 'database',
  EVROAM_ADMIN_TOKEN: 'adminToken',
  EVROAM_LOG_LEVEL: 'logLevel',
} as const;

export interface LoadedConfig {
  config: Config;
  /** The file read, or null when the configuration came from the environment alone. */
  file: string | null;
  /** Set when this call wrote a first-run configuration: the admin token to show once. */
  createdAdminToken?: string;
}

export interface LoadOptions {
  /** `--config FILE`; falls back to EVROAM_CONFIG, then `evroam.config.json` in the working directory. */
  file?: string;
  env?: NodeJS.ProcessEnv;
  /** Write a default configuration when no file exists (`serve` does; the admin commands don't). */
  createIfMissing?: boolean;
  cwd?: string;
}

export function loadConfig(options: LoadOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const named = options.file ?? env.EVROAM_CONFIG;
  const file = resolve(cwd, named ?? DEFAULT_CONFIG_FILE);

  let raw: Record<string, unknown> = {};
  let createdAdminToken: string | undefined;
  if (existsSync(file)) {
    raw = readJson(file);
  } else if (named !== undefined) {
    throw new ConfigError('file', `${file} does not exist`);
  } else if (options.createIfMissing) {
    const created = defaultConfigFile();
    writeFileSync(file, `${JSON.stringify(created, null, 2)}\n`, { mode: 0o600 });
    raw = created;
    createdAdminToken = created.adminToken;
  }

  const merged = applyDefaults(applyEnvironment(raw, env));
  const config = validate(merged);
  const fileUsed = existsSync(file) ? file : null;
  return createdAdminToken ? { config, file: fileUsed, createdAdminToken } : { config, file: fileUsed };
}

function readJson(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError('file', `${file} is not valid JSON (${(error as Error).message})`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError('file', `${file} must hold a JSON object`);
  return parsed as Record<string, unknown>;
}

function applyEnvironment(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out = { ...raw };
  for (const [variable, field] of Object.entries(ENVIRONMENT_OVERRIDES)) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    if (field === 'port') {
      if (!/^\d+$/.test(value)) throw new ConfigError('port', `${variable}="${value}" is not a port number`);
      out.port = Number(value);
    } else {
      out[field] = value;
    }
  }
  return out;
}

function applyDefaults(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...CONFIG_DEFAULTS, ...raw };
  if (out.publicUrl === undefined && typeof out.port === 'number') out.publicUrl = `http://127.0.0.1:${out.port}`;
  if (typeof out.publicUrl === 'string') out.publicUrl = out.publicUrl.replace(/\/+$/, '');
  return out;
}

function validate(value: Record<string, unknown>): Config {
  const error = Value.Errors(ConfigSchema, value).First();
  if (error) {
    const field = error.path.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '') || '(root)';
    const shown = error.value === undefined ? 'missing' : `got ${JSON.stringify(field === 'adminToken' ? '…' : error.value)}`;
    throw new ConfigError(field, `${error.message} (${shown})`);
  }
  const config = value as Config;
  const seen = new Set<string>();
  config.parties.forEach((party, i) => {
    const key = `${party.countryCode}-${party.partyId}`.toUpperCase();
    if (seen.has(key)) throw new ConfigError(`parties[${i}]`, `party ${key} is listed twice`);
    seen.add(key);
  });
  const autoRegistration = config.chargerAutoRegistration?.toUpperCase();
  if (autoRegistration !== undefined && !config.parties.some((p) => `${p.countryCode}-${p.partyId}`.toUpperCase() === autoRegistration && p.roles.includes('CPO'))) {
    throw new ConfigError('chargerAutoRegistration', `${config.chargerAutoRegistration} is not a hosted party with the CPO role`);
  }
  return config;
}

/** The first-run configuration: embedded database, one CPO and one eMSP party, a fresh admin token. */
function defaultConfigFile(): Config & Record<string, unknown> {
  return {
    ...CONFIG_DEFAULTS,
    publicUrl: `http://127.0.0.1:${CONFIG_DEFAULTS.port}`,
    adminToken: randomBytes(24).toString('base64url'),
    parties: [
      { countryCode: 'NL', partyId: 'CPO', roles: ['CPO'], name: 'evroam CPO', website: 'https://example.com' },
      { countryCode: 'NL', partyId: 'MSP', roles: ['EMSP'], name: 'evroam eMSP', website: 'https://example.com' },
    ],
  };
}
