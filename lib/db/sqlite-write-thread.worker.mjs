// The embedded database's write connection, on a thread of its own (see sqlite-write-thread.ts).
// Plain JavaScript so that it starts the same under tsx, Vitest and node.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const database = new Database(workerData.path, { timeout: workerData.timeoutMs });
// It stores messages: every commit reaches the disk before the send is acknowledged.
database.pragma("synchronous = FULL");
// Statement journals (an INSERT ... SELECT keeps one, to undo itself) in memory, not in a temporary file.
database.pragma("temp_store = MEMORY");
const prepared = new Map();
const [begin, commit, rollback] = ["BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"].map((sql) => database.prepare(sql));

function run({ sql, values }) {
  let statement = prepared.get(sql);
  if (!statement) {
    statement = database.prepare(sql);
    prepared.set(sql, statement);
  }
  if (statement.reader) return statement.all(values);
  statement.run(values);
  return [];
}

/**
 * Runs a message's statements in order; the first that fails ends it, and the results so far
 * go back with the error. A message marked `transaction` is one transaction of its own:
 * committed after its last statement, rolled back at a failure.
 */
parentPort.on("message", ({ id, statements, transaction }) => {
  const results = [];
  try {
    if (transaction) begin.run();
    for (const statement of statements) results.push(run(statement));
    if (transaction) commit.run();
    parentPort.postMessage({ id, results });
  } catch (error) {
    if (transaction && database.inTransaction) rollback.run();
    parentPort.postMessage({ id, results, error: { message: error.message, code: error.code } });
  }
});
