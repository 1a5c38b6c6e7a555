import { loadConfig } from '../config/load-config.js';
import { createService } from '../server/create-service.js';

/** `evroam serve`: runs the service until SIGINT or SIGTERM, then shuts down gracefully. */
export async function serveCommand(configFile: string | undefined): Promise<void> {
  const loaded = loadConfig({ file: configFile, createIfMissing: true });
  const { config } = loaded;
  if (loaded.createdAdminToken) {
    process.stderr.write(
      `evroam: wrote a first-run configuration to ${loaded.file}\n` +
        `evroam: admin token (shown once; it is also in that file): ${loaded.createdAdminToken}\n`,
    );
  }
  const service = await createService(config);
  await service.app.listen({ port: config.port, host: config.host });
  const parties = config.parties.map((p) => `${p.countryCode}-${p.partyId} (${p.roles.join(', ')})`).join('; ');
  service.app.log.info({ publicUrl: config.publicUrl, database: service.database.kind, parties }, `evroam serving OCPI at ${config.publicUrl}/ocpi/versions`);

  const shutdown = (signal: string) => {
    service.app.log.info({ signal }, 'shutting down');
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        service.app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}
