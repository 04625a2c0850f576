import type BetterSqlite3 from "better-sqlite3";
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import pg from "pg";

/**
 * Plain SQL through the database driver, for the per-message path (the writer's batch,
 * history and sync pages), where Prisma's engine costs more than the statement. Each
 * statement is prepared once per connection. SQL is written once for both providers:
 * `?` placeholders (PostgreSQL receives them numbered), and `= ANY(?)` with an array for
 * a list (SQLite reads it as JSON).
 *
 * Values: pass Dates and booleans as they are; read dates with `readDate` and flags with
 * `Boolean` (SQLite answers the text and the 0/1 Prisma stores, PostgreSQL a Date and a boolean).
 */
export interface SqlConnection {
  readonly provider: "sqlite" | "postgresql";
  query<Row>(sql: string, values?: readonly unknown[]): Promise<Row[]>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlQueries) => Promise<T>): Promise<T>;
  /**
   * Whether another process (the CLI, say) committed to the database since the last call:
   * SQLite's `data_version`, a read of shared memory. PostgreSQL answers false: there the
   * other processes' changes arrive over the Redis bus.
   */
  changedElsewhere(): boolean;
}

export type SqlQueries = Pick<SqlConnection, "provider" | "query">;

export function readDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

type SqliteAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

/**
 * SQLite allows one connection per process here: two connections in one thread deadlock
 * on the file lock while one holds an interactive transaction across event-loop turns.
 * So this borrows the better-sqlite3 handle of Prisma's adapter. Transactions, Prisma's
 * and ours, take turns through one lock; single statements wait while one of ours is open
 * (ours never run inside Prisma's calls, so nothing waits on itself).
 * The handle stores messages, so it fsyncs every commit (`synchronous = FULL`): an
 * acknowledged message survives a power cut, at one fsync per group-committed batch.
 */
export function shareSqliteConnection(factory: PrismaBetterSQLite3, connectPrisma: () => Promise<void>) {
  const turns = new TurnLock();
  let handle: BetterSqlite3.Database | undefined;
  let statements = new Map<string, BetterSqlite3.Statement>();
  let dataVersion: { read: BetterSqlite3.Statement; seen: number } | undefined;
  /** Settles when the transaction of ours that is open ends. */
  let ownTransaction: Promise<unknown> | undefined;
  /** Statements outside it wait: they would run inside it, and a read would see a batch before it commits. */
  const ownTransactionEnded = async () => {
    while (ownTransaction) await ownTransaction.catch(() => undefined);
  };

  const sharedFactory = {
    provider: "sqlite" as const,
    adapterName: factory.adapterName,
    async connect(): Promise<SqliteAdapter> {
      const adapter = await factory.connect();
      // The adapter's own handle; not in its declared type.
      handle = (adapter as unknown as { client: BetterSqlite3.Database }).client;
      handle.pragma("synchronous = FULL");
      statements = new Map();
      dataVersion = undefined;
      return takingTurns(adapter, turns, {
        ownTransactionEnded,
        // After $disconnect, the next statement connects again (Prisma's or ours).
        disposed: () => (handle = undefined),
      });
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };

  function run<Row>(sql: string, values: readonly unknown[] = []): Row[] {
    let statement = statements.get(sql);
    if (!statement) {
      // Prisma's adapter reads integers as BigInt; these statements read numbers.
      statement = handle!.prepare(sql.replaceAll("= ANY(?)", "IN (SELECT value FROM json_each(?))")).safeIntegers(false);
      statements.set(sql, statement);
    }
    const args = values.map(toSqliteValue);
    if (statement.reader) return statement.all(args) as Row[];
    statement.run(args);
    return [];
  }

  const queries: SqlQueries = { provider: "sqlite", query: async (sql, values) => run(sql, values) };

  async function transaction<T>(work: (tx: SqlQueries) => Promise<T>): Promise<T> {
    run("BEGIN IMMEDIATE");
    try {
      const result = await work(queries);
      run("COMMIT");
      return result;
    } catch (error) {
      if (handle!.inTransaction) run("ROLLBACK");
      throw error;
    }
  }

  const connection: SqlConnection = {
    provider: "sqlite",
    async query<Row>(sql: string, values?: readonly unknown[]) {
      if (!handle) await connectPrisma();
      await ownTransactionEnded();
      return run<Row>(sql, values);
    },
    changedElsewhere() {
      if (!handle) return false;
      if (!dataVersion) {
        const read = handle.prepare("PRAGMA data_version").pluck();
        dataVersion = { read, seen: read.get() as number };
        return false;
      }
      const version = dataVersion.read.get() as number;
      const changed = version !== dataVersion.seen;
      dataVersion.seen = version;
      return changed;
    },
    async transaction(work) {
      if (!handle) await connectPrisma();
      return turns.take(() => {
        const running = transaction(work);
        ownTransaction = running;
        return running.finally(() => (ownTransaction = undefined));
      });
    },
  };
  return { factory: sharedFactory, connection };
}

/** Prisma's transactions wait for their turn and keep it until they end; its single statements wait for `ownTransactionEnded`. */
function takingTurns(adapter: SqliteAdapter, turns: TurnLock, events: { ownTransactionEnded: () => Promise<void>; disposed: () => void }): SqliteAdapter {
  return new Proxy(adapter, {
    get(target, property) {
      if (property === "queryRaw" || property === "executeRaw" || property === "executeScript") {
        return async (input: never) => {
          await events.ownTransactionEnded();
          return target[property](input);
        };
      }
      if (property === "dispose") {
        return () => {
          events.disposed();
          return target.dispose();
        };
      }
      if (property === "startTransaction") {
        return async (isolationLevel?: never) => {
          const release = await turns.acquire();
          try {
            const transaction = await target.startTransaction(isolationLevel);
            const end = (finish: () => Promise<void>) => () => finish().finally(release);
            return Object.assign(Object.create(transaction), { commit: end(() => transaction.commit()), rollback: end(() => transaction.rollback()) });
          } catch (error) {
            release();
            throw error;
          }
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Stores values as Prisma's SQLite adapter does: dates as ISO text with an offset, booleans as 0/1. */
function toSqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  if (Array.isArray(value)) return JSON.stringify(value);
  return value;
}

/** A FIFO lock: one holder at a time. */
class TurnLock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => turn);
    return previous.then(() => release);
  }

  async take<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/**
 * A small pool of its own beside Prisma's: named statements, prepared once per pooled
 * connection. Timestamps are stored as UTC without a zone, as Prisma stores them.
 */
export function postgresConnection(connectionString: string): SqlConnection {
  let pool: pg.Pool | undefined;
  const types = {
    getTypeParser: ((oid: number, format?: "text" | "binary") =>
      oid === pg.types.builtins.TIMESTAMP ? (text: string) => new Date(`${text.replace(" ", "T")}Z`) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const open = () => {
    if (pool) return pool;
    pool = new pg.Pool({ connectionString, max: 4, allowExitOnIdle: true, types });
    // An idle connection the server closed (a restart, a failover) leaves the pool; the next query opens another.
    pool.on("error", () => undefined);
    return pool;
  };
  const names = new Map<string, { name: string; text: string }>();

  function statement(sql: string) {
    let named = names.get(sql);
    if (!named) {
      let index = 0;
      named = { name: `switchboard_${names.size + 1}`, text: sql.replace(/\?/g, () => `$${++index}`) };
      names.set(sql, named);
    }
    return named;
  }

  const runOn = async <Row>(client: pg.Pool | pg.PoolClient, sql: string, values: readonly unknown[] = []) =>
    (await client.query({ ...statement(sql), values: values.map(toPostgresValue) })).rows as Row[];

  return {
    provider: "postgresql",
    query: (sql, values) => runOn(open(), sql, values),
    changedElsewhere: () => false,
    async transaction(work) {
      const client = await open().connect();
      try {
        await client.query("BEGIN");
        const result = await work({ provider: "postgresql", query: (sql, values) => runOn(client, sql, values) });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/** Dates as UTC text: the columns are timestamps without a zone. */
function toPostgresValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toPostgresValue);
  return value;
}
