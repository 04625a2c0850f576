import { type ChildProcess, execFile, spawn } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { createTestDatabase, type TestDatabase } from "./databases";

const root = path.resolve(import.meta.dirname, "../..");

export type TestServer = {
  url: string;
  wsUrl: string;
  database: TestDatabase;
  process: ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
  /** Runs `switchboard <args>` against this server's database (or with `env`'s changes to its environment). */
  cli(args: string[], env?: Record<string, string | undefined>): Promise<{ stdout: string; stderr: string; code: number }>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Stops the server and drops its database (unless it was started on another's). */
  close(): Promise<void>;
};

/** Test servers seal app secrets at rest, as a production installation should. */
export const testEncryptionKey = "5eed".repeat(16);

function serverEnv(databaseUrl: string): NodeJS.ProcessEnv {
  const bus = process.env.SWITCHBOARD_TEST_BUS === "redis" ? { REDIS_URL: process.env.REDIS_URL } : {};
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
    HOST: "127.0.0.1",
    PORT: "0",
    DATABASE_URL: databaseUrl,
    SWITCHBOARD_ADMIN_EMAIL: "owner@example.com",
    SWITCHBOARD_ADMIN_PASSWORD: "owner-password",
    SWITCHBOARD_ENCRYPTION_KEY: testEncryptionKey,
    // Tests stop servers at once; the drain test sets its own.
    SWITCHBOARD_DRAIN_SECONDS: "0",
    // Every test and bench client connects from this machine's one address: no flood limits
    // (test/connection-floods.test.ts sets its own).
    SWITCHBOARD_MAX_PENDING_CONNECTIONS_PER_ADDRESS: "1000000",
    SWITCHBOARD_MAX_CONNECTS_PER_SECOND_PER_ADDRESS: "1000000",
    ...bus,
  };
}

/**
 * Starts the real server (production build) on a free port with a fresh database, or on
 * `database` (another server's, e.g. to restart after a kill), which `close` then leaves.
 */
export async function startTestServer(options: { env?: Record<string, string | undefined>; database?: TestDatabase } = {}): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase());
  const dropOwnDatabase = () => (options.database ? Promise.resolve() : database.drop());
  const env = { ...serverEnv(database.url), ...options.env };
  // Node itself with tsx's loader, not the tsx command (which runs a child): signals, SIGKILL too, reach the server.
  // SWITCHBOARD_TEST_NODE_FLAGS: Node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=profiles" to profile a bench.
  const nodeFlags = process.env.SWITCHBOARD_TEST_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", "server.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    child.stdout.on("data", () => {
      const match = /console at http:\/\/localhost:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  }).catch(async (error: unknown) => {
    await dropOwnDatabase();
    throw error;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/connection/websocket`,
    database,
    process: child,
    output: () => output,
    cli: (args, changes = {}) => runCli(args, { ...env, ...changes }),
    stop,
    async close() {
      await stop();
      await dropOwnDatabase();
    },
  };
}

async function runCli(args: string[], env: NodeJS.ProcessEnv) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["bin/switchboard.mjs", ...args], { cwd: root, env });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}
