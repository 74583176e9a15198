/**
 * What both adapters' schema migrations share: the shape of a step and the bookkeeping of
 * `schema_migrations` (which versions are applied, and when). The steps themselves are SQL in
 * each adapter's dialect (sqlite/migrations.ts, postgres/migrations.ts), numbered on their own.
 */

/** One migration step. */
export type Migration = Readonly<{ version: number; name: string; sql: string }>;

/** The columns of `schema_migrations`, the table that records each applied step. */
export const schemaMigrationsColumns =
  'version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL';

/** The `schema_migrations` row that records `migration` as applied now: version, name, applied_at. */
export function appliedMigrationRow(
  migration: Migration,
): [version: number, name: string, appliedAt: string] {
  return [migration.version, migration.name, new Date().toISOString()];
}
