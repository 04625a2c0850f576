import { randomUUID } from "node:crypto";
import { db, type Prisma } from "../db/client";
import { withExistingApps } from "../chat/base/apps/find-apps";
import { redactSecrets } from "../chat/base/redact-secrets";
import type { ApiRequestPage } from "../contract";
import { log } from "../log";

/** A call as the route handler saw it; its bodies are redacted and serialized when written, off the request's path. */
type Call = Omit<Prisma.ApiRequestCreateManyInput, "id" | "requestBody" | "responseBody"> & { request: unknown; response: unknown };
type Pending = { entries: Call[]; dropped: number };

/** Calls waiting to be written beyond this are dropped (and logged): the log must never slow the API down. */
const maxBuffered = 20_000;
const maxBodyChars = 4096;
/** Days the request log keeps. */
const requestLogDays = 7;

// On globalThis: the route handlers record in their module instance of this file, server.ts writes.
const key = Symbol.for("switchboard.apiRequestLog");
const globals = globalThis as typeof globalThis & { [key]?: Pending };
const buffer: Pending = (globals[key] ??= { entries: [], dropped: 0 });

/** A body as the log keeps it: JSON, secrets and tokens redacted, cut to a few KB. */
export function loggedBody(value: unknown): string {
  if (value === undefined) return "";
  const text = JSON.stringify(redactSecrets(value));
  return text.length > maxBodyChars ? `${text.slice(0, maxBodyChars)}…` : text;
}

/** Remembers a call for the request log; written in batches by `flushApiRequestLog`. */
export function recordApiRequest(call: Call): void {
  if (buffer.entries.length >= maxBuffered) buffer.dropped++;
  else buffer.entries.push(call);
}

/** Writes the buffered calls (server.ts, every second and at shutdown). */
export async function flushApiRequestLog(): Promise<void> {
  const entries = buffer.entries.splice(0, buffer.entries.length).map(({ request, response, ...call }) => ({
    id: randomUUID(),
    ...call,
    requestBody: loggedBody(request),
    responseBody: loggedBody(response),
  }));
  if (buffer.dropped > 0) {
    log.warn("request log entries dropped: the buffer was full", { dropped: buffer.dropped });
    buffer.dropped = 0;
  }
  const kept = entries.length > 0 ? await withExistingApps(entries) : [];
  // Batches keep SQLite under its parameter limit.
  for (let start = 0; start < kept.length; start += 50) await db.apiRequest.createMany({ data: kept.slice(start, start + 50) });
}

/** Drops calls older than the log keeps (every node; deletes are idempotent). */
export async function pruneApiRequestLog(now = Date.now()): Promise<void> {
  await db.apiRequest.deleteMany({ where: { createdAt: { lt: new Date(now - requestLogDays * 86_400_000) } } });
}

const pageSize = 50;
const statusRanges = { "2xx": [200, 300], "4xx": [400, 500], "5xx": [500, 600] } as const;
export type StatusClass = keyof typeof statusRanges;

/** The app's calls, newest first, a page before the cursor (the last id of the page before), filtered by path and status class. */
export async function findApiRequests(input: { appId: string; path?: string; status?: StatusClass; before?: string }): Promise<ApiRequestPage> {
  const cursor = input.before ? await db.apiRequest.findFirst({ where: { id: input.before, appId: input.appId }, select: { createdAt: true, id: true } }) : null;
  const range = input.status && statusRanges[input.status];
  const rows = await db.apiRequest.findMany({
    where: {
      appId: input.appId,
      ...(input.path && { path: { contains: input.path } }),
      ...(range && { status: { gte: range[0], lt: range[1] } }),
      ...(cursor && { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
    omit: { appId: true },
  });
  const page = rows.slice(0, pageSize);
  return {
    requests: page.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
    nextCursor: rows.length > pageSize ? page.at(-1)!.id : null,
  };
}
