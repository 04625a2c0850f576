import type { IncomingMessage, ServerResponse } from "node:http";
import { getBus } from "../bus";
import { db, sqlConnectionOf } from "../db/client";

/**
 * Health and readiness for load balancers and orchestrators, served by server.ts before Next,
 * unauthenticated and not logged: `/healthz` says the process answers; `/readyz` says this
 * node should get traffic (database and bus reachable, migrations applied, not draining),
 * or answers 503 naming what is not.
 */
export const healthPaths = new Set(["/healthz", "/readyz"]);

/** A dependency that has not answered within this long counts as down. */
const checkTimeoutMs = 1000;

const state = { migrated: false, draining: false };

/** server.ts: the database holds every migration of this version. */
export function markMigrated(): void {
  state.migrated = true;
}

/** server.ts, on SIGTERM: readiness turns 503 at once so balancers stop sending new work. */
export function markDraining(): void {
  state.draining = true;
}

export function isDraining(): boolean {
  return state.draining;
}

export async function serveHealth(path: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== "GET" && request.method !== "HEAD") return answer(response, 405, { error: `${path} takes GET requests` }, { allow: "GET, HEAD" });
  if (path === "/healthz") return answer(response, 200, { status: "ok" });
  const [database, bus] = await Promise.all([check(() => sqlConnectionOf(db).query("SELECT 1")), check(() => getBus().ping())]);
  const checks = {
    database,
    bus,
    migrations: state.migrated ? "ok" : "not applied yet",
    draining: state.draining ? "draining: this node is shutting down" : "ok",
  };
  const down = Object.entries(checks)
    .filter(([, outcome]) => outcome !== "ok")
    .map(([name]) => name);
  answer(response, down.length === 0 ? 200 : 503, { status: down.length === 0 ? "ready" : "unavailable", down, checks });
}

/** "ok", or what went wrong. */
async function check(probe: () => Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${checkTimeoutMs} ms`)), checkTimeoutMs)));
  try {
    await Promise.race([probe(), timeout]);
    return "ok";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

function answer(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", "content-length": Buffer.byteLength(text), ...headers });
  response.end(text);
}
