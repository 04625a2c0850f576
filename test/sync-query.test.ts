import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changedMessagesQuery } from "../lib/chat/messages/sync-messages-sql";
import { applyMigrations } from "../lib/db/migrate";
import { createTestDatabase, type TestDatabase } from "./support/databases";

// The 10-minute soak found sync slowing as the app's traffic grew (1 ms to 13 ms a call):
// it walked every message of the app since the position and kept the user's. Now it must
// start from the user's channels, so a user in a quiet channel syncs as fast while others fill.
describe("the sync query", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await applyMigrations(database.url);
  });
  afterAll(() => database.drop());

  it("reads messages only through the user's channels, never by app", async () => {
    const steps = await planSteps(database, changedMessagesQuery(provider(database), { appId: "app", userId: "user", after: [Date.now(), ""], rows: 201 }));
    const messageSteps = steps.filter((step) => /\b(SEARCH|SCAN) [ms]\b|on "Message"/.test(step));
    expect(messageSteps.length).toBeGreaterThan(0);
    for (const step of messageSteps) expect(step).toMatch(/Message_channelId_updatedAt_idx|sqlite_autoindex_Message_1 \(id=\?\)/);
  });
});

const provider = (database: TestDatabase) => (database.url.startsWith("file:") ? "sqlite" : "postgresql");

/** The query's plan, a line per step; PostgreSQL is told to avoid sequential scans, so empty tables still show the indexes it would use. */
async function planSteps(database: TestDatabase, query: { text: string; values: unknown[] }): Promise<string[]> {
  let placeholder = 0;
  const text = query.text.replace(/\?/g, () => `$${++placeholder}`);
  if (provider(database) === "sqlite") {
    const values = query.values.map((value) => (value instanceof Date ? value.getTime() : value));
    return (await database.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${text}`, values)).map((row) => row.detail);
  }
  await database.execute("SET enable_seqscan = off");
  return (await database.query<{ "QUERY PLAN": string }>(`EXPLAIN ${text}`, query.values)).map((row) => row["QUERY PLAN"]);
}
