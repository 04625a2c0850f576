import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

export type TestDatabase = {
  url: string;
  /** Runs a read-only query straight on the database, bypassing Switchboard. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Changes rows behind Switchboard's back: only to simulate time passing (ageing messages). */
  execute(sql: string, params?: unknown[]): Promise<void>;
  drop(): Promise<void>;
};

/** A fresh, empty database of the kind this suite runs on; `drop` removes it. */
export async function createTestDatabase(kind = process.env.SWITCHBOARD_TEST_DATABASE ?? "sqlite"): Promise<TestDatabase> {
  return kind === "postgresql" ? createPostgresDatabase() : createSqliteDatabase();
}

function createSqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-test-"));
  const file = path.join(dir, "switchboard.db");
  return {
    url: `file:${file}`,
    async query(sql, params = []) {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare(sql.replace(/\$\d+/g, "?")).all(...params) as never[];
      } finally {
        db.close();
      }
    },
    async execute(sql, params = []) {
      const db = new Database(file);
      try {
        db.prepare(sql.replace(/\$\d+/g, "?")).run(...params);
      } finally {
        db.close();
      }
    },
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const serverUrl = new URL(process.env.DATABASE_URL!);
  const name = `switchboard_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // One connection for the test's own queries, opened on first use: a connection per query costs ~30 ms.
  let connection: Promise<pg.Client> | undefined;
  const connected = () =>
    (connection ??= (async () => {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      return client;
    })());
  return {
    url: url.toString(),
    async query(sql, params = []) {
      return (await (await connected()).query(sql, params)).rows;
    },
    async execute(sql, params = []) {
      await (await connected()).query(sql, params);
    },
    async drop() {
      await (await connection)?.end();
      const client = new pg.Client({ connectionString: serverUrl.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
