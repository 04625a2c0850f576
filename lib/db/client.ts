import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { env, sqliteFilePath } from "../env";
import { PrismaClient as PostgresClient, Prisma } from "./generated/postgresql/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";

/** Both providers generate the same model API; the PostgreSQL client's types describe either. */
export type Db = PostgresClient;
export type Tx = Prisma.TransactionClient;
export { Prisma };

/** A new client of the given database; the app uses the shared `db`, tests their own. */
export function connectDatabase(databaseUrl: string): Db {
  if (databaseUrl.startsWith("file:")) {
    // Writers wait up to 5 s for the file lock rather than failing at once.
    const adapter = new PrismaBetterSQLite3({ url: sqliteFilePath(databaseUrl), timeout: 5000 });
    return new SqliteClient({ adapter }) as unknown as Db;
  }
  return new PostgresClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 10 }) });
}

// server.ts and Next's route handlers load separate copies of this module: one client per process.
const key = Symbol.for("switchboard.db");
const globals = globalThis as typeof globalThis & { [key]?: Db };

export const db: Db = (globals[key] ??= connectDatabase(env.DATABASE_URL));
