import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { AdminClient } from '../cli/admin-client.js';
import { CONFIG_DEFAULTS, type Config, type PartyConfig } from '../config/config-schema.js';
import { createService, type Service } from '../server/create-service.js';

/** One evroam service of the demo, listening on 127.0.0.1, and the admin API to drive it. */
export interface DemoService {
  party: PartyConfig;
  /** `CC-PID` of the hosted party. */
  partyKey: string;
  url: string;
  adminToken: string;
  databaseFolder: string;
  api: AdminClient;
  service: Service;
}

/**
 * Starts an evroam service for one party on the embedded database (PGlite in `folder`), with
 * its background work running as in production. Its log is silent unless EVROAM_LOG_LEVEL says
 * otherwise, so the demo's own lines stay readable.
 */
export async function startDemoService(party: PartyConfig, folder: string, port: number | undefined): Promise<DemoService> {
  const chosen = port ?? (await freePort());
  const url = `http://127.0.0.1:${chosen}`;
  const adminToken = randomBytes(18).toString('base64url');
  const databaseFolder = join(folder, `${party.countryCode}-${party.partyId}`.toLowerCase());
  const config: Config = {
    ...CONFIG_DEFAULTS,
    port: chosen,
    host: '127.0.0.1',
    publicUrl: url,
    database: `file:${databaseFolder}`,
    adminToken,
    parties: [party],
    logLevel: (process.env.EVROAM_LOG_LEVEL as Config['logLevel'] | undefined) ?? 'silent',
    // Everything reaches the partner by push; scheduled pulls would only add noise to the story.
    syncIntervalMinutes: 0,
  };
  const service = await createService(config);
  try {
    await service.app.listen({ port: chosen, host: '127.0.0.1' });
  } catch (error) {
    await service.close();
    throw error;
  }
  return { party, partyKey: `${party.countryCode}-${party.partyId}`, url, adminToken, databaseFolder, api: new AdminClient(url, adminToken), service };
}

/** A port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}
