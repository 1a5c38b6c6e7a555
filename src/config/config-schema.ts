import { Type, type Static } from '@sinclair/typebox';

export const PartyConfigSchema = Type.Object({
  countryCode: Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2 country code of the party' }),
  partyId: Type.String({ pattern: '^[A-Za-z0-9]{3}$', description: 'three-character OCPI party id' }),
  roles: Type.Array(Type.Union([Type.Literal('CPO'), Type.Literal('EMSP'), Type.Literal('HUB')]), { minItems: 1, uniqueItems: true }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  website: Type.Optional(Type.String({ pattern: '^https?://\\S+$' })),
});

export const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  host: Type.String({ minLength: 1 }),
  publicUrl: Type.String({ pattern: '^https?://[^/\\s]+(/\\S*)?$', description: 'how partners reach this service, without a trailing slash' }),
  database: Type.String({ minLength: 1 }),
  adminToken: Type.String({ minLength: 16, description: 'bearer token of the admin API' }),
  parties: Type.Array(PartyConfigSchema, { minItems: 1 }),
  logLevel: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l))),
  /** Largest request body accepted, in bytes. */
  bodyLimit: Type.Integer({ minimum: 1024 }),
  /** Timeout of every outbound OCPI request, in milliseconds. */
  requestTimeoutMs: Type.Integer({ minimum: 100 }),
  /** Server cap on a page of a paginated OCPI list. */
  pageLimit: Type.Integer({ minimum: 1, maximum: 10000 }),
  /** Seconds a charger gets to answer an OCPI command before the eMSP is told TIMEOUT. */
  commandTimeoutSeconds: Type.Integer({ minimum: 1, maximum: 3600 }),
  /** Minutes between scheduled delta pulls of partners' lists; 0 turns them off. */
  syncIntervalMinutes: Type.Integer({ minimum: 0 }),
  /** Most outbox deliveries in flight to one partner at once, each about a different object. */
  partnerDeliveryConcurrency: Type.Integer({ minimum: 1, maximum: 64 }),
  /** Heartbeat interval chargers are told at boot, in seconds (OCPP BootNotification `interval`). */
  chargerHeartbeatIntervalSeconds: Type.Integer({ minimum: 10, maximum: 86400 }),
  /** Least seconds between two session updates from a charger's meter values; 0 forwards every reading. */
  chargerMeterIntervalSeconds: Type.Integer({ minimum: 0, maximum: 3600 }),
  /** Minutes without any message of an open transaction after which its session is closed at the last meter reading. */
  chargerStopTimeoutMinutes: Type.Integer({ minimum: 1 }),
  /** The hosted CPO party (`CC-PID`) unknown chargers are held Pending for until an operator maps them; absent, unknown chargers are refused. */
  chargerAutoRegistration: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}-[A-Za-z0-9]{3}$' })),
  /** A native `wss://` listener for chargers (OCPP security profile 2 without a TLS proxy), beside the plain one. */
  ocppTls: Type.Optional(
    Type.Object(
      {
        port: Type.Integer({ minimum: 0, maximum: 65535 }),
        certFile: Type.String({ minLength: 1, description: 'PEM certificate (chain) of the server' }),
        keyFile: Type.String({ minLength: 1, description: 'PEM private key of the certificate' }),
      },
      { additionalProperties: false },
    ),
  ),
  /** Days the OCPI traffic log and the OCPP message log keep their entries. */
  logRetentionDays: Type.Integer({ minimum: 1, maximum: 3650 }),
  /** Who may read `/metrics`: holders of the admin token (bearer), or anyone who reaches the port. */
  metricsAuth: Type.Union([Type.Literal('admin-token'), Type.Literal('none')]),
});

export type PartyConfig = Static<typeof PartyConfigSchema>;
export type Config = Static<typeof ConfigSchema>;

export const CONFIG_DEFAULTS = {
  port: 8080,
  host: '0.0.0.0',
  database: 'file:./data',
  logLevel: 'info',
  bodyLimit: 10 * 1024 * 1024,
  requestTimeoutMs: 10_000,
  pageLimit: 100,
  syncIntervalMinutes: 360,
  partnerDeliveryConcurrency: 8,
  commandTimeoutSeconds: 30,
  chargerHeartbeatIntervalSeconds: 300,
  chargerMeterIntervalSeconds: 60,
  chargerStopTimeoutMinutes: 1440,
  logRetentionDays: 30,
  metricsAuth: 'admin-token',
} as const;
