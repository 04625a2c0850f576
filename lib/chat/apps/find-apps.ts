import { db } from "../../db/client";
import { ChatError } from "../errors";
import { type AppView, toAppView } from "./app-view";

export async function findApps(): Promise<AppView[]> {
  const apps = await db.app.findMany({ orderBy: { createdAt: "asc" } });
  return apps.map((app) => toAppView(app, { withSecret: false }));
}

export async function getAppOrThrow(input: { appKey: string; withSecret?: boolean }): Promise<AppView> {
  const app = await db.app.findUnique({ where: { key: input.appKey } });
  if (!app) throw new ChatError("notFound", `No app has the App Key ${input.appKey}`);
  return toAppView(app, { withSecret: input.withSecret ?? false });
}

/** The row id of the app with this App Key (the CLI names apps by key). */
export async function findAppId(appKey: string): Promise<string> {
  const app = await db.app.findUnique({ where: { key: appKey }, select: { id: true } });
  if (!app) throw new ChatError("notFound", `No app has the App Key ${appKey}`);
  return app.id;
}
