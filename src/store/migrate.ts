import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Tables } from './tables.js';
import { migrations } from './migrations/index.js';

/** Migrations are code, compiled with the service, so an installed package always carries its own. */
class BundledMigrations implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

/**
 * `schema` must be the schema the tables live in: Kysely looks for its bookkeeping tables across
 * every schema, and would otherwise mistake another tenant's for ours.
 */
export async function migrateToLatest(db: Kysely<Tables>, schema: string): Promise<void> {
  const migrator = new Migrator({ db, provider: new BundledMigrations(), migrationTableSchema: schema });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`database migration failed${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
