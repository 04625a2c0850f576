import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { env, sqliteFilePath } from "../env";
import { PrismaClient as PostgresClient, Prisma } from "./generated/postgresql/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { createSecretSealer, type SecretSealer } from "./sealed-secrets";
import { postgresConnection, shareSqliteConnection, type SqlConnection } from "./sql-connection";

/** Both providers generate the same model API; the PostgreSQL client's types describe either. */
export type Db = PostgresClient;
export type Tx = Prisma.TransactionClient;
export { Prisma };

/**
 * A new client of the given database; the app uses the shared `db`, tests their own.
 * App secrets are sealed at rest with `encryptionKey` (hex) when there is one.
 */
export function connectDatabase(databaseUrl: string, encryptionKey = env.SWITCHBOARD_ENCRYPTION_KEY): Db {
  const sealer = createSecretSealer(encryptionKey, env.SWITCHBOARD_PREVIOUS_ENCRYPTION_KEY);
  if (databaseUrl.startsWith("file:")) {
    // Writers wait up to 5 s for the file lock rather than failing at once.
    const file = { path: sqliteFilePath(databaseUrl), timeoutMs: 5000 };
    const shared = shareSqliteConnection(new PrismaBetterSQLite3({ url: file.path, timeout: file.timeoutMs }), file, () => client.$connect());
    const client = withSealedSecrets(new SqliteClient({ adapter: shared.factory }) as unknown as Db, sealer);
    sqlConnections.set(client, shared.connection);
    return client;
  }
  const client = withSealedSecrets(new PostgresClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 10 }) }), sealer);
  sqlConnections.set(client, postgresConnection(databaseUrl));
  return client;
}

// Process-wide, like `db` below: Next's route handlers load their own copy of this module but share server.ts's client.
const connectionsKey = Symbol.for("switchboard.sqlConnections");
const sqlConnections: WeakMap<Db, SqlConnection> = ((globalThis as typeof globalThis & { [connectionsKey]?: WeakMap<Db, SqlConnection> })[connectionsKey] ??= new WeakMap());

/** The driver-level connection of `database`, for the per-message path (see sql-connection.ts). */
export function sqlConnectionOf(database: Db): SqlConnection {
  const connection = sqlConnections.get(database);
  if (!connection) throw new Error("not a client made by connectDatabase");
  return connection;
}

/** The App columns that hold secrets: sealed on every write, opened on every read of the model API (raw SQL sees them sealed). */
const secretColumns = ["secret", "previousSecret", "tokenKey"] as const;

function withSealedSecrets(client: Db, sealer: SecretSealer): Db {
  const open = (stored: string | null) => (stored === null ? null : sealer.open(stored));
  const sealData = <T>(data: T): T => {
    if (!data || typeof data !== "object") return data;
    const sealed = { ...data } as Record<string, unknown>;
    for (const column of secretColumns) if (typeof sealed[column] === "string") sealed[column] = sealer.seal(sealed[column] as string);
    return sealed as T;
  };
  return client.$extends({
    result: {
      app: {
        secret: { needs: { secret: true }, compute: (app) => sealer.open(app.secret) },
        previousSecret: { needs: { previousSecret: true }, compute: (app) => open(app.previousSecret) },
        tokenKey: { needs: { tokenKey: true }, compute: (app) => sealer.open(app.tokenKey) },
      },
    },
    query: {
      app: {
        create: ({ args, query }) => query({ ...args, data: sealData(args.data) }),
        update: ({ args, query }) => query({ ...args, data: sealData(args.data) }),
        updateMany: ({ args, query }) => query({ ...args, data: sealData(args.data) }),
        upsert: ({ args, query }) => query({ ...args, create: sealData(args.create), update: sealData(args.update) }),
      },
    },
  }) as unknown as Db;
}

/** Seals secrets kept inside other columns (an app's push keys in its settings) as the App columns are. */
export const secretSealer: SecretSealer = createSecretSealer(env.SWITCHBOARD_ENCRYPTION_KEY, env.SWITCHBOARD_PREVIOUS_ENCRYPTION_KEY);

// server.ts and Next's route handlers load separate copies of this module: one client per process.
const key = Symbol.for("switchboard.db");
const globals = globalThis as typeof globalThis & { [key]?: Db };

export const db: Db = (globals[key] ??= connectDatabase(env.DATABASE_URL));
