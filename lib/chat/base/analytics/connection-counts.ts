import { randomUUID } from "node:crypto";
import { db } from "../../../db/client";
import { spanStart } from "./usage-counts";

/**
 * Client connections per app on this node, reported every few seconds as ConnectionCount
 * rows (the hour's peak and the current count): the console sums the nodes' reports.
 * Only the gateway counts, in server.ts's module instance, so no globalThis is needed.
 */
const nodeId = randomUUID();
const apps = new Map<string, { current: number; hourPeak: number; hour: number }>();

/** A node's report older than this is left out of "connected now": the node stopped or died. */
export const connectionReportMaxAgeMs = 30_000;

export function connectionOpened(appId: string, now = Date.now()): void {
  const app = appEntry(appId, now);
  app.current++;
  app.hourPeak = Math.max(app.hourPeak, app.current);
}

export function connectionClosed(appId: string, now = Date.now()): void {
  const app = appEntry(appId, now);
  app.current = Math.max(0, app.current - 1);
}

function appEntry(appId: string, now: number) {
  const hour = spanStart("hour", now).getTime();
  const app = apps.get(appId) ?? { current: 0, hourPeak: 0, hour };
  // A new hour's peak starts from the connections still open.
  if (app.hour !== hour) Object.assign(app, { hour, hourPeak: app.current });
  apps.set(appId, app);
  return app;
}

/**
 * Writes this node's counts. An app is forgotten once it had no connection all hour (its
 * last hour's row already says 0); until then a new connection must not lower the hour's peak.
 */
export async function reportConnectionCounts(now = Date.now()): Promise<void> {
  const reports = [...apps.keys()].map((appId) => ({ appId, ...appEntry(appId, now) }));
  for (const report of reports) if (report.hourPeak === 0) apps.delete(report.appId);
  await db.$transaction(
    reports.filter((report) => report.hourPeak > 0).map(({ appId, hour, hourPeak, current }) => {
      const row = { appId, hour: new Date(hour), nodeId };
      const counts = { peak: hourPeak, current, reportedAt: new Date(now) };
      return db.connectionCount.upsert({ where: { appId_hour_nodeId: row }, create: { ...row, ...counts }, update: counts });
    }),
  );
}

/** Rows kept: a year of hourly peaks. */
const keptMs = 366 * 24 * 3_600_000;

export async function pruneConnectionCounts(now = Date.now()): Promise<void> {
  await db.connectionCount.deleteMany({ where: { hour: { lt: new Date(now - keptMs) } } });
}
