import { createTestApp, type TestApp } from "../../test/support/platform-api";
import type { TestServer } from "../../test/support/test-server";

/**
 * A production app with `userIds` registered, for load: users are inserted in batches and
 * their access tokens signed here with the app's token key, as the token endpoint would
 * (issuing 50,000 tokens one call at a time would take longer than the measurement).
 */
export async function createBenchApp(server: TestServer, userIds: string[], settings: string[] = []) {
  const app = await createTestApp(server, "bench", "production");
  if (settings.length > 0) await server.cli(["apps", "settings", "set", "--app", app.appKey, ...settings]);
  process.env.DATABASE_URL = server.database.url;
  const { db } = await import("../../lib/db/client");
  const { signAccessToken } = await import("../../lib/chat/tokens/access-token");
  const { id, tokenKey } = await db.app.findUniqueOrThrow({ where: { key: app.appKey }, select: { id: true, tokenKey: true } });
  for (let start = 0; start < userIds.length; start += 500) {
    await db.user.createMany({ data: userIds.slice(start, start + 500).map((userId) => ({ appId: id, id: userId, name: userId })) });
  }
  const issuedAt = Date.now();
  return { app: app as TestApp, appId: id, db, tokenFor: (userId: string) => signAccessToken({ appKey: app.appKey, userId, issuedAt }, tokenKey) };
}
