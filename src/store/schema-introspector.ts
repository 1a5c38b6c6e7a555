import { PostgresDialect, PostgresIntrospector, sql, type DatabaseIntrospector, type DatabaseMetadata, type Kysely, type PostgresDialectConfig, type SchemaMetadata, type TableMetadata } from 'kysely';

/**
 * Kysely's Migrator asks the introspector whether its bookkeeping tables exist. The stock
 * PostgreSQL introspector reads every column of every schema and calls pg_get_serial_sequence on
 * each, so a schema another tenant (or test) drops at that moment fails our migration with
 * `schema "…" does not exist`. This one lists the tables of our own schema only, by name: all
 * the Migrator needs, and nothing another schema can break.
 */
export class SchemaIntrospector implements DatabaseIntrospector {
  readonly #stock: PostgresIntrospector;

  constructor(
    private readonly db: Kysely<unknown>,
    private readonly schema: string,
  ) {
    this.#stock = new PostgresIntrospector(db);
  }

  getSchemas(): Promise<SchemaMetadata[]> {
    return this.#stock.getSchemas();
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; kind: string }>`
      select c.relname as name, c.relkind as kind
        from pg_catalog.pg_class c join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
       where ns.nspname = ${this.schema} and c.relkind in ('r', 'v', 'p')
       order by c.relname`.execute(this.db);
    return rows.map((r) => ({ name: r.name, schema: this.schema, isView: r.kind === 'v', columns: [] }));
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

/** PostgreSQL, introspected within one schema (see {@link SchemaIntrospector}). */
export class SchemaScopedPostgresDialect extends PostgresDialect {
  constructor(
    config: PostgresDialectConfig,
    private readonly schema: string,
  ) {
    super(config);
  }

  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SchemaIntrospector(db, this.schema);
  }
}
