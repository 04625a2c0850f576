import type BetterSqlite3 from "better-sqlite3";
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import pg from "pg";
import { sqliteWriteThread } from "./sqlite-write-thread";

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
   * Runs `statements` in one transaction sent at once (nothing waits for an answer midway):
   * the rows of each, in order. The first that fails rolls it back and throws.
   */
  transactionAtOnce<Row>(statements: SqlStatement[]): Promise<Row[][]>;
  /**
   * Whether another process (the CLI, say) committed to the database since the last call
   * (SQLite; see `watchCommits`). PostgreSQL answers false: there the other processes'
   * changes arrive over the Redis bus.
   */
  changedElsewhere(): boolean;
  /**
   * Says this process serves: its own writes reach its caches in-process, so it stops
   * announcing them to other processes, and `changedElsewhere` answers for theirs alone.
   */
  serving(): void;
}

export type SqlQueries = Pick<SqlConnection, "provider" | "query">;
export type SqlStatement = { sql: string; values: readonly unknown[] };

export function readDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

type SqliteAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

/**
 * On SQLite the process has two connections, each in its own thread: Prisma's, whose
 * better-sqlite3 handle this borrows for plain reads, and the write thread's
 * (sqlite-write-thread.ts), which runs the writer's transactions. Two connections in one
 * thread would deadlock on the file lock while one holds an interactive transaction across
 * event-loop turns; across threads the waiting one only waits. Transactions, Prisma's and the
 * thread's, still take turns through one lock, and Prisma's single statements and our writes
 * outside a transaction wait while one of ours is open: a write waiting for the file lock
 * would block the event loop. Reads never wait: in WAL they see what has committed.
 * Both connections fsync every commit (`synchronous = FULL`): an acknowledged message
 * survives a power cut, at one fsync per group-committed batch.
 */
export function shareSqliteConnection(factory: PrismaBetterSQLite3, file: { path: string; timeoutMs: number }, connectPrisma: () => Promise<void>) {
  const turns = new TurnLock();
  const writeThread = sqliteWriteThread(file.path, file.timeoutMs, (sql, values) => ({ sql: sqliteText(sql), values: values.map(toSqliteValue) }));
  let handle: BetterSqlite3.Database | undefined;
  let statements = new Map<string, BetterSqlite3.Statement>();
  let watch: ReturnType<typeof watchCommits> | undefined;
  /** Whether this process tells others of its Prisma writes (see `serving`). */
  let announcing = true;
  /** Settles when the transaction of ours that is open ends. */
  let ownTransaction: Promise<unknown> | undefined;
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
      watch = undefined;
      return takingTurns(adapter, turns, {
        ownTransactionEnded,
        wrote: () => {
          if (announcing && handle) announceChange(handle);
        },
        // After $disconnect, the next statement connects again (Prisma's or ours).
        disposed: () => {
          handle = undefined;
          writeThread.close();
        },
      });
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };

  function prepared(sql: string): BetterSqlite3.Statement {
    let statement = statements.get(sql);
    if (!statement) {
      // Prisma's adapter reads integers as BigInt; these statements read numbers.
      statement = handle!.prepare(sqliteText(sql)).safeIntegers(false);
      statements.set(sql, statement);
    }
    return statement;
  }

  const connection: SqlConnection = {
    provider: "sqlite",
    async query<Row>(sql: string, values: readonly unknown[] = []) {
      if (!handle) await connectPrisma();
      if (!prepared(sql).reader) await ownTransactionEnded();
      // Prepared again: the handle may have changed while waiting.
      const statement = prepared(sql);
      const args = values.map(toSqliteValue);
      if (statement.reader) return statement.all(args) as Row[];
      statement.run(args);
      return [];
    },
    changedElsewhere() {
      if (!handle) return false;
      watch ??= watchCommits(handle);
      return announcing ? watch.anyCommit() : watch.announcedCommit();
    },
    serving() {
      announcing = false;
    },
    transaction: (work) => ownTurn(() => writeThread.transaction(work)),
    transactionAtOnce: (statements) => ownTurn(() => writeThread.transactionAtOnce(statements)),
  };
  /** A transaction of ours on the write thread, in its turn among Prisma's. */
  function ownTurn<T>(start: () => Promise<T>): Promise<T> {
    return turns.take(() => {
      const running = start();
      ownTransaction = running;
      return running.finally(() => (ownTransaction = undefined));
    });
  }
  return { factory: sharedFactory, connection };
}

/** `= ANY(?)` with a JSON array, as SQLite reads a list. */
const sqliteText = (sql: string) => sql.replaceAll("= ANY(?)", "IN (SELECT value FROM json_each(?))");

/**
 * Commits by other connections, as `handle` sees them. `data_version` changes with any (this
 * process's write thread included); the database's `user_version` is advanced by processes
 * that announce their writes (`announceChange`): the CLI and tests, never the serving process.
 */
function watchCommits(handle: BetterSqlite3.Database) {
  const dataVersion = handle.prepare("PRAGMA data_version").pluck();
  const mark = handle.prepare("PRAGMA user_version").pluck();
  let seenVersion = dataVersion.get();
  let seenMark = mark.get();
  return {
    anyCommit(): boolean {
      const version = dataVersion.get();
      const changed = version !== seenVersion;
      seenVersion = version;
      return changed;
    },
    announcedCommit(): boolean {
      // The cheap read first: most turns see no commit at all.
      if (!this.anyCommit()) return false;
      const now = mark.get();
      const changed = now !== seenMark;
      seenMark = now;
      return changed;
    },
  };
}

/**
 * Advances the database's `user_version`, in the transaction open on `handle` or in one of its
 * own, so that a serving process on the same file sees that another process wrote.
 */
function announceChange(handle: BetterSqlite3.Database) {
  const advance = () => handle.pragma(`user_version = ${(Number(handle.pragma("user_version", { simple: true })) + 1) % 2 ** 31}`);
  if (handle.inTransaction) advance();
  else handle.transaction(advance).immediate();
}

/** Prisma's transactions wait for their turn and keep it until they end; its single statements wait for `ownTransactionEnded`. */
function takingTurns(
  adapter: SqliteAdapter,
  turns: TurnLock,
  events: { ownTransactionEnded: () => Promise<void>; wrote: () => void; disposed: () => void },
): SqliteAdapter {
  return new Proxy(adapter, {
    get(target, property) {
      if (property === "queryRaw" || property === "executeRaw" || property === "executeScript") {
        return async (input: never) => {
          await events.ownTransactionEnded();
          const result = await target[property](input);
          if (!isRead(input)) events.wrote();
          return result;
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
            const commit = async () => {
              await transaction.commit();
              events.wrote();
            };
            return Object.assign(Object.create(transaction), { commit: end(commit), rollback: end(() => transaction.rollback()) });
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

/** Whether a statement Prisma runs only reads (its text begins with SELECT). */
const isRead = (input: unknown) => typeof input === "object" && input !== null && /^\s*SELECT\b/i.test((input as { sql?: string }).sql ?? "");

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
    serving: () => undefined,
    transactionAtOnce<Row>(statements: SqlStatement[]) {
      return this.transaction(async (tx) => {
        const results: Row[][] = [];
        for (const { sql, values } of statements) results.push(await tx.query<Row>(sql, values));
        return results;
      });
    },
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
