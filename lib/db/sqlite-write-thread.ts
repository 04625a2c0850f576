import { Worker } from "node:worker_threads";
type Statement = { sql: string; values: unknown[] };
/** What a transaction's work is given: statements on the thread's connection. */
type ThreadQueries = { provider: "sqlite"; query<Row>(sql: string, values?: readonly unknown[]): Promise<Row[]> };
type Reply = { id: number; results: unknown[][]; error?: { message: string; code?: string } };

/**
 * The connection that runs the writer's transactions on the embedded database, on a worker
 * thread: their statements and their fsynced COMMIT no longer hold the event loop, which goes
 * on reading frames and delivering while a batch commits. A second connection is safe there
 * (the one-connection rule is about two connections in one thread), and in WAL the main
 * thread's reads see each batch once it has committed, never before.
 *
 * Statements are pipelined: those a transaction issues in the same synchronous run (a
 * `Promise.all` over a batch's rows) cross to the thread in one message.
 */
export function sqliteWriteThread(path: string, timeoutMs: number, toSqlite: (sql: string, values: readonly unknown[]) => Statement) {
  let worker: Worker | undefined;
  let nextId = 0;
  const waiting = new Map<number, (reply: Reply | Error) => void>();

  function thread(): Worker {
    if (worker) return worker;
    const started = new Worker(new URL("./sqlite-write-thread.worker.mjs", import.meta.url), { workerData: { path, timeoutMs } });
    // Between transactions it waits for work, and must not keep the process alive for that.
    started.unref();
    started.on("message", (reply: Reply) => {
      waiting.get(reply.id)?.(reply);
      waiting.delete(reply.id);
    });
    const fail = (error: Error) => {
      if (worker === started) worker = undefined;
      for (const answer of waiting.values()) answer(error);
      waiting.clear();
    };
    started.on("error", fail);
    started.on("exit", (code) => fail(new Error(`The database write thread stopped (exit code ${code})`)));
    return (worker = started);
  }

  function send(statements: Statement[], transaction = false): Promise<Reply> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, (reply) => (reply instanceof Error ? reject(reply) : resolve(reply)));
      thread().postMessage({ id, statements, transaction });
    });
  }

  /** Queues a statement; the statements queued in one synchronous run go together. */
  function pipeline() {
    let queued: (Statement & { resolve: (rows: unknown[]) => void; reject: (error: unknown) => void })[] = [];
    function flush() {
      const batch = queued;
      queued = [];
      send(batch.map(({ sql, values }) => ({ sql, values }))).then(
        ({ results, error }) => batch.forEach((entry, index) => (index < results.length ? entry.resolve(results[index]!) : entry.reject(sqliteError(error!)))),
        (error: unknown) => batch.forEach((entry) => entry.reject(error)),
      );
    }
    return <Row>(sql: string, values: readonly unknown[] = []) =>
      new Promise<Row[]>((resolve, reject) => {
        if (queued.length === 0) queueMicrotask(flush);
        queued.push({ ...toSqlite(sql, values), resolve: resolve as (rows: unknown[]) => void, reject });
      });
  }

  return {
    /** Runs `work` in one transaction on the thread: committed when it resolves, rolled back when it throws. */
    async transaction<T>(work: (tx: ThreadQueries) => Promise<T>): Promise<T> {
      const query = pipeline();
      // A BEGIN that fails fails the statements sent with it, so `work` sees its error.
      query("BEGIN IMMEDIATE").catch(() => undefined);
      try {
        const result = await work({ provider: "sqlite", query });
        await query("COMMIT");
        return result;
      } catch (error) {
        // Fails harmlessly when BEGIN never took.
        await query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    },
    /** Runs `statements` as one transaction in one message to the thread: their rows, in order. */
    async transactionAtOnce<Row>(statements: { sql: string; values: readonly unknown[] }[]): Promise<Row[][]> {
      const { results, error } = await send(
        statements.map(({ sql, values }) => toSqlite(sql, values)),
        true,
      );
      if (error) throw sqliteError(error);
      return results as Row[][];
    },
    /** Stops the thread (its connection closes); the next transaction starts another. */
    close() {
      void worker?.terminate();
      worker = undefined;
    },
  };
}

/** The driver's error as thrown on the thread: its message and SQLite's code (e.g. SQLITE_BUSY). */
function sqliteError({ message, code }: { message: string; code?: string }): Error {
  return Object.assign(new Error(message), { name: "SqliteError", code });
}
