import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { keepSendingDirectMessages } from "./support/chat-clients";
import { callApi, connectUser, createTestApp, setAppSettings } from "./support/platform-api";
import { startTestServer, type TestServer } from "./support/test-server";

// The embedded installation backed up while it takes messages, then restored elsewhere and started.
describe.runIf(process.env.SWITCHBOARD_TEST_DATABASE !== "postgresql")("backup and restore of the embedded database", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-backup-"));
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("copies a running installation under write load; the restored one serves every message acknowledged before the backup began, gap-free", async () => {
    const server = await startTestServer();
    servers.push(server);
    const app = await createTestApp(server, "Backed up", "production");
    await setAppSettings(server, app, { clientMessagesPerSecond: 1000 });
    const senders = await Promise.all(Array.from({ length: 4 }, (_, index) => connectUser(server, app, `writer-${index}`)));
    await Promise.all(Array.from({ length: 4 }, (_, index) => connectUser(server, app, `reader-${index}`).then((client) => client.disconnect())));
    const load = keepSendingDirectMessages(senders.map((client, index) => ({ client, to: `reader-${index}` })));
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const acknowledgedBefore = new Map(load.acknowledged);
    const backupFile = path.join(dir, "switchboard-backup.db");
    const backup = await server.cli(["db", "backup", "--out", backupFile, "--json"]);
    await load.stop();
    for (const client of senders) client.disconnect();
    expect(backup.code, backup.stderr).toBe(0);
    expect(JSON.parse(backup.stdout)).toMatchObject({ file: backupFile });
    expect(load.acknowledged.size).toBeGreaterThan(acknowledgedBefore.size);
    expect(acknowledgedBefore.size).toBeGreaterThan(20);
    // A second backup to the same file would overwrite the first: refused.
    expect(await server.cli(["db", "backup", "--out", backupFile])).toMatchObject({ code: 1 });

    // Restored into a new data directory, then started there.
    const restoredUrl = `file:${path.join(dir, "restored", "switchboard.db")}`;
    const restoreWith = (args: string[]) => server.cli(["db", "restore", ...args], { DATABASE_URL: restoredUrl });
    expect(await restoreWith(["--from", path.join(dir, "missing.db")])).toMatchObject({ code: 1 });
    expect((await restoreWith(["--from", backupFile])).code).toBe(0);
    expect(await restoreWith(["--from", backupFile])).toMatchObject({ code: 1, stderr: expect.stringContaining("--force") });
    const restored = await startTestServer({ env: { DATABASE_URL: restoredUrl } });
    servers.push(restored);
    // In use by a server: refused, even with --force.
    expect(await restoreWith(["--from", backupFile, "--force"])).toMatchObject({ code: 1, stderr: expect.stringContaining("in use") });

    const history = await callApi(restored, app, "/v4/direct-channel/history-message/list", { userId: "reader-0", channelId: "writer-0", startAt: Date.now(), endAt: Date.now() - 3_600_000, includeStart: true, pageSize: 10 });
    expect(history.status).toBe(200);
    expect((history.body.result as { messages: unknown[] }).messages).toHaveLength(10);
    const file = new Database(restoredUrl.slice("file:".length), { readonly: true });
    const rows = file.prepare(`SELECT "id", "channelId", "seq" FROM "Message" ORDER BY "channelId", "seq"`).all() as { id: string; channelId: string; seq: number }[];
    file.close();
    const stored = new Set(rows.map((row) => row.id));
    expect([...acknowledgedBefore.keys()].filter((messageId) => !stored.has(messageId))).toEqual([]);
    const seqsByChannel = new Map<string, number[]>();
    for (const row of rows) seqsByChannel.set(row.channelId, [...(seqsByChannel.get(row.channelId) ?? []), row.seq]);
    for (const seqs of seqsByChannel.values()) expect(seqs).toEqual(seqs.map((_, position) => position + 1));
  });
});

describe.runIf(process.env.SWITCHBOARD_TEST_DATABASE === "postgresql")("backup on PostgreSQL", () => {
  it("points to pg_dump", async () => {
    const server = await startTestServer();
    try {
      const backup = await server.cli(["db", "backup", "--out", path.join(tmpdir(), "never-written.db")]);
      expect(backup).toMatchObject({ code: 1, stderr: expect.stringContaining("pg_dump") });
    } finally {
      await server.close();
    }
  });
});
