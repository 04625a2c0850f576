import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { sqliteFilePath } from "../env";

/**
 * Applies pending migrations from prisma/<provider>/migrations in one transaction and
 * records them in Prisma's own `_prisma_migrations` table, so that `prisma migrate
 * deploy` can take over wherever Prisma's native engine is available.
 * Returns the names of the migrations it applied. `through` stops at that migration, leaving a
 * database as an older version made it (tests of upgrades).
 */
export async function applyMigrations(databaseUrl: string, options: { through?: string } = {}): Promise<string[]> {
  return databaseUrl.startsWith("file:") ? migrateSqlite(databaseUrl, options.through) : migratePostgres(databaseUrl, options.through);
}

type Migration = { name: string; sql: string; checksum: string };

function readMigrations(provider: "sqlite" | "postgresql", through?: string): Migration[] {
  const dir = path.resolve(process.cwd(), "prisma", provider, "migrations");
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .filter((name) => through === undefined || name <= through)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const historyTableSql = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** How long a process starting beside another waits for the other's migrations. */
const sqliteMigrationWaitMs = 120_000;

function migrateSqlite(databaseUrl: string, through?: string): string[] {
  const file = sqliteFilePath(databaseUrl);
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: sqliteMigrationWaitMs });
  try {
    db.pragma("journal_mode = WAL");
    // A migration that rebuilds a table (copy, drop, rename) turns foreign keys off first, which
    // SQLite ignores inside a transaction: dropping a parent table would then delete its children's
    // rows through ON DELETE CASCADE. So they are off for the whole run, and checked before commit.
    db.pragma("foreign_keys = OFF");
    // Processes starting together queue on the write lock (IMMEDIATE) and read what is applied
    // inside it, so each migration is applied once.
    return db
      .transaction(() => {
        db.exec(historyTableSql.replace("TIMESTAMPTZ NOT NULL DEFAULT now()", "DATETIME NOT NULL DEFAULT current_timestamp").replaceAll("TIMESTAMPTZ", "DATETIME"));
        const applied = new Set(db.prepare(`SELECT migration_name FROM _prisma_migrations WHERE rolled_back_at IS NULL`).pluck().all() as string[]);
        const pending = readMigrations("sqlite", through).filter((migration) => !applied.has(migration.name));
        const record = db.prepare(
          `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES (?, ?, ?, ?, ?, 1)`,
        );
        for (const migration of pending) {
          const startedAt = Date.now();
          db.exec(migration.sql);
          record.run(randomUUID(), migration.checksum, migration.name, startedAt, Date.now());
        }
        const broken = db.pragma("foreign_key_check") as { table: string; parent: string }[];
        if (broken.length > 0) throw new Error(`migrations left rows of ${broken[0]!.table} without their ${broken[0]!.parent}: nothing was applied`);
        return pending.map((migration) => migration.name);
      })
      .immediate();
  } finally {
    db.close();
  }
}

async function migratePostgres(databaseUrl: string, through?: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    // Nodes starting together queue here instead of applying the same migration twice.
    await client.query("SELECT pg_advisory_xact_lock(727274)");
    await client.query(historyTableSql);
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM _prisma_migrations WHERE rolled_back_at IS NULL`,
    );
    const applied = new Set(rows.map((row) => row.migration_name));
    const pending = readMigrations("postgresql", through).filter((migration) => !applied.has(migration.name));
    for (const migration of pending) {
      const startedAt = new Date();
      await client.query(migration.sql);
      await client.query(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, $4, now(), 1)`,
        [randomUUID(), migration.checksum, migration.name, startedAt],
      );
    }
    await client.query("COMMIT");
    return pending.map((migration) => migration.name);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
