import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../lib/db/migrate";
import { createTestDatabase, type TestDatabase } from "./support/databases";
import { startTestServer, type TestServer } from "./support/test-server";

// A database left by an older version, a row in every table it had, upgraded by starting today's server.
const onPostgres = process.env.SWITCHBOARD_TEST_DATABASE === "postgresql";
/** Older versions by their last migration: the first release, one about halfway, the one before today's. */
const olderVersions = ["20261123204411_init", "20261124000959_channels", "20261204202339_temporary_conversations"];

type Column = { name: string; kind: "text" | "integer" | "real" | "boolean" | "timestamp" | "json" | "bytes" | "enum"; enumType?: string; required: boolean; primaryKey: boolean };
type ForeignKey = { from: string; table: string; to: string };
type Table = { name: string; columns: Column[]; foreignKeys: ForeignKey[] };

let database: TestDatabase;
const servers: TestServer[] = [];
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
  for (const each of databases) await each.drop();
});

describe(`upgrading a ${onPostgres ? "PostgreSQL" : "SQLite"} database of an older version`, () => {
  it.each(olderVersions)("migrates one whose last migration is %s to today's schema on start, every row kept", async (olderVersion) => {
    database = await createTestDatabase();
    databases.push(database);
    await applyMigrations(database.url, { through: olderVersion });
    const tables = dependenciesFirst(await readTables());
    const written = new Map<string, Record<string, unknown>>();
    for (const table of tables) written.set(table.name, await insertRow(table, written));

    const server = await startTestServer({ database });
    servers.push(server);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const applied = await database.query<{ migration_name: string }>(`SELECT migration_name FROM _prisma_migrations`);
    expect(applied.some((row) => row.migration_name > olderVersion)).toBe(true);
    for (const table of tables) {
      const row = written.get(table.name)!;
      const keys = table.columns.filter((column) => column.primaryKey).map((column) => column.name);
      const where = keys.map((key, index) => `"${key}" = ${placeholder(index)}`).join(" AND ");
      const found = await database.query(`SELECT count(*) AS n FROM "${table.name}" WHERE ${where}`, keys.map((key) => row[key]));
      expect(Number(found[0]!.n), `the row written in ${table.name}`).toBe(1);
    }
  });
});

const placeholder = (index: number) => (onPostgres ? `$${index + 1}` : "?");

async function readTables(): Promise<Table[]> {
  if (!onPostgres) {
    const names = await database.query<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`);
    return Promise.all(
      names.map(async ({ name }) => ({
        name,
        columns: (await database.query<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>(`SELECT * FROM pragma_table_info(?)`, [name])).map((column) => ({
          name: column.name,
          kind: sqliteKind(column.type),
          required: (column.notnull === 1 && column.dflt_value === null) || column.pk > 0,
          primaryKey: column.pk > 0,
        })),
        foreignKeys: await database.query<ForeignKey>(`SELECT "table", "from", "to" FROM pragma_foreign_key_list(?)`, [name]),
      })),
    );
  }
  const names = await database.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
  );
  return Promise.all(
    names.map(async ({ name }) => {
      const primaryKey = new Set(
        (
          await database.query<{ column: string }>(
            `SELECT kcu.column_name AS column FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage kcu ON tc.constraint_name = kcu.constraint_name AND tc.table_name = kcu.table_name WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_name = $1`,
            [name],
          )
        ).map((row) => row.column),
      );
      const columns = await database.query<{ name: string; type: string; udt: string; nullable: string; fallback: string | null }>(
        `SELECT column_name AS name, data_type AS type, udt_name AS udt, is_nullable AS nullable, column_default AS fallback FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
        [name],
      );
      return {
        name,
        columns: columns.map((column) => ({
          name: column.name,
          kind: postgresKind(column.type),
          enumType: column.type === "USER-DEFINED" ? column.udt : undefined,
          required: (column.nullable === "NO" && column.fallback === null) || primaryKey.has(column.name),
          primaryKey: primaryKey.has(column.name),
        })),
        // pg_constraint pairs the columns of a composite key in order (information_schema does not).
        foreignKeys: await database.query<ForeignKey>(
          `SELECT a.attname AS "from", referenced.relname AS "table", af.attname AS "to"
           FROM pg_constraint c
           JOIN pg_class t ON t.oid = c.conrelid
           JOIN pg_class referenced ON referenced.oid = c.confrelid
           CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k(from_number, to_number)
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.from_number
           JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = k.to_number
           WHERE c.contype = 'f' AND t.relname = $1 AND t.relnamespace = 'public'::regnamespace`,
          [name],
        ),
      };
    }),
  );
}

function sqliteKind(type: string): Column["kind"] {
  const upper = type.toUpperCase();
  if (upper.includes("INT")) return "integer";
  if (upper.includes("REAL") || upper.includes("DOUBLE") || upper.includes("DECIMAL")) return "real";
  if (upper.includes("BOOL")) return "boolean";
  if (upper.includes("DATE") || upper.includes("TIME")) return "timestamp";
  if (upper.includes("BLOB")) return "bytes";
  if (upper.includes("JSON")) return "json";
  return "text";
}

function postgresKind(type: string): Column["kind"] {
  if (type === "USER-DEFINED") return "enum";
  if (type.includes("int")) return "integer";
  if (type.includes("double") || type.includes("numeric") || type.includes("real")) return "real";
  if (type === "boolean") return "boolean";
  if (type.startsWith("timestamp") || type === "date") return "timestamp";
  if (type === "bytea") return "bytes";
  if (type.startsWith("json")) return "json";
  return "text";
}

/** Referenced tables before those that reference them. */
function dependenciesFirst(tables: Table[]): Table[] {
  const ordered: Table[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter((table) => !placed.has(table.name) && table.foreignKeys.every((key) => key.table === table.name || placed.has(key.table)));
    if (ready.length === 0) throw new Error("foreign keys in a circle");
    for (const table of ready) {
      ordered.push(table);
      placed.add(table.name);
    }
  }
  return ordered;
}

/** One row with every column that must have a value: references point at the rows written before. */
async function insertRow(table: Table, written: Map<string, Record<string, unknown>>): Promise<Record<string, unknown>> {
  const row: Record<string, unknown> = {};
  for (const column of table.columns) {
    const reference = table.foreignKeys.find((key) => key.from === column.name && key.table !== table.name);
    if (reference) row[column.name] = written.get(reference.table)![reference.to];
    else if (column.required) row[column.name] = await sampleValue(table.name, column);
  }
  const names = Object.keys(row);
  await database.execute(
    `INSERT INTO "${table.name}" (${names.map((name) => `"${name}"`).join(", ")}) VALUES (${names.map((_, index) => placeholder(index)).join(", ")})`,
    names.map((name) => row[name]),
  );
  return row;
}

async function sampleValue(table: string, column: Column): Promise<unknown> {
  switch (column.kind) {
    case "integer":
      return 1;
    case "real":
      return 1.5;
    case "boolean":
      return onPostgres ? false : 0;
    case "timestamp":
      return onPostgres ? new Date() : new Date().toISOString().replace("Z", "+00:00");
    case "json":
      return "{}";
    case "bytes":
      return Buffer.from("x");
    case "enum":
      return (await database.query<{ label: string }>(`SELECT e.enumlabel AS label FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typname = $1 ORDER BY e.enumsortorder LIMIT 1`, [column.enumType]))[0]!.label;
    default:
      // Text columns that hold JSON in today's schema get an empty object.
      return /content|settings|body|payload|extra|attributes|metadata|json/i.test(column.name) ? "{}" : `${table}.${column.name}`;
  }
}
