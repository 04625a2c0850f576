import type { AppView } from "../../../contract";
import { db } from "../../../db/client";
import { ChatError } from "../errors";
import { toAppView } from "./app-view";

export async function findApps(): Promise<AppView[]> {
  const apps = await db.app.findMany({ orderBy: { createdAt: "asc" } });
  return apps.map((app) => toAppView(app, { withSecret: false }));
}

export async function getAppOrThrow(input: { appKey: string; withSecret?: boolean }): Promise<AppView> {
  const app = await db.app.findUnique({ where: { key: input.appKey } });
  if (!app) throw new ChatError("notFound", `No app has the App Key ${input.appKey}`);
  return toAppView(app, { withSecret: input.withSecret ?? false });
}

/**
 * Of records kept in memory and written later (usage counts, the request log), those
 * whose app still exists: an app deleted meanwhile must not fail the others' write.
 */
export async function withExistingApps<T extends { appId: string }>(records: T[]): Promise<T[]> {
  const appIds = [...new Set(records.map((record) => record.appId))];
  const existing = new Set((await db.app.findMany({ where: { id: { in: appIds } }, select: { id: true } })).map((app) => app.id));
  return records.filter((record) => existing.has(record.appId));
}

/** The row id of the app with this App Key (the CLI names apps by key). */
export async function findAppId(appKey: string): Promise<string> {
  const app = await db.app.findUnique({ where: { key: appKey }, select: { id: true } });
  if (!app) throw new ChatError("notFound", `No app has the App Key ${appKey}`);
  return app.id;
}
