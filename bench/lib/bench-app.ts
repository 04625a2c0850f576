import { signAccessToken } from "../../lib/chat/products/tokens";
import { connectDatabase } from "../../lib/db/client";
import { createTestApp } from "../../test/support/platform-api";
import { type TestServer, testEncryptionKey } from "../../test/support/test-server";

/**
 * A production app with `userIds` registered, for load: users are inserted in batches and
 * their access tokens signed here with the app's token key, as the token endpoint would
 * (issuing 50,000 tokens one call at a time would take longer than the measurement).
 */
export async function createBenchApp(server: TestServer, userIds: string[], settings: string[] = []) {
  const app = await createTestApp(server, "bench", "production");
  if (settings.length > 0) await server.cli(["apps", "settings", "set", "--app", app.appKey, ...settings]);
  const db = connectDatabase(server.database.url, testEncryptionKey);
  try {
    const { id, tokenKey } = await db.app.findUniqueOrThrow({ where: { key: app.appKey }, select: { id: true, tokenKey: true } });
    for (let start = 0; start < userIds.length; start += 500) {
      await db.user.createMany({ data: userIds.slice(start, start + 500).map((userId) => ({ appId: id, id: userId, name: userId })) });
    }
    const issuedAt = Date.now();
    return { app, appId: id, tokenKey, tokenFor: (userId: string) => signAccessToken({ appKey: app.appKey, userId, issuedAt }, tokenKey) };
  } finally {
    await db.$disconnect();
  }
}
