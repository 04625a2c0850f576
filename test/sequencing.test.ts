import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateMessageId } from "../lib/chat/base/messages/message-id";
import { createMessageWriter } from "../lib/chat/base/messages/message-writer";
import { connectDatabase, type Db } from "../lib/db/client";
import { isTransactionConflict } from "../lib/db/errors";
import { applyMigrations } from "../lib/db/migrate";
import { createTestDatabase, type TestDatabase } from "./support/databases";

let database: TestDatabase;
let nodes: Db[];
let appId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await applyMigrations(database.url);
  // Two clients stand for two Switchboard nodes writing to one database.
  nodes = [connectDatabase(database.url), connectDatabase(database.url)];
  ({ id: appId } = await nodes[0]!.app.create({ data: { key: "seqapp00000000", name: "seq", secret: "s", tokenKey: "t" } }));
});
afterAll(async () => {
  for (const node of nodes ?? []) await node.$disconnect();
  await database?.drop();
});

// Several nodes share one database only on PostgreSQL; SQLite serves a single process.
describe.runIf(process.env.SWITCHBOARD_TEST_DATABASE === "postgresql")("sequencing with two writers on one database", () => {
  it("keeps every channel's sequence gap-free when both write to the same channels in opposite orders", async () => {
    const channels = Array.from({ length: 20 }, (_, i) => ({ appId, type: 1, channelId: `a${i}:b${i}`, memberIds: [`a${i}`, `b${i}`] }));
    const writers = nodes.map((node) => createMessageWriter(node));
    const rounds = 30;
    const sends = writers.flatMap((writer, w) =>
      Array.from({ length: rounds }, (_, round) =>
        (w === 0 ? channels : [...channels].reverse()).map((channel) =>
          writer.write({ id: generateMessageId(), channel, senderId: channel.memberIds[w]!, messageType: "RC:TxtMsg", content: `{"content":"${round}"}` }),
        ),
      ).flat(),
    );
    await Promise.all(sends);

    const rows = await database.query<{ channelId: string; seq: number }>(`SELECT "channelId", "seq" FROM "Message" ORDER BY "channelId", "seq"`);
    const seqsByChannel = new Map<string, number[]>();
    for (const row of rows) seqsByChannel.set(row.channelId, [...(seqsByChannel.get(row.channelId) ?? []), Number(row.seq)]);
    expect(seqsByChannel.size).toBe(20);
    for (const seqs of seqsByChannel.values()) expect(seqs).toEqual(Array.from({ length: 2 * rounds }, (_, i) => i + 1));
  });
});

describe.runIf(process.env.SWITCHBOARD_TEST_DATABASE === "postgresql")("a deadlock between two nodes", () => {
  it("is recognised as a conflict the writer may retry", async () => {
    const [one, two] = await Promise.all(
      ["x", "y"].map((name) => nodes[0]!.channel.create({ data: { appId, type: 3, channelId: `deadlock-${name}` }, select: { id: true } })),
    );
    let release: () => void = () => {};
    const bothLocked = new Promise<void>((resolve) => (release = resolve));
    let locked = 0;
    // Each node locks one row, waits until the other locked its own, then wants the other's.
    const lockInOrder = (node: Db, first: string, second: string) =>
      node.$transaction(async (tx) => {
        await tx.channel.update({ where: { id: first }, data: { lastSeq: { increment: 1 } } });
        if (++locked === 2) release();
        await bothLocked;
        await tx.channel.update({ where: { id: second }, data: { lastSeq: { increment: 1 } } });
      }, { timeout: 10_000 });
    const outcomes = await Promise.allSettled([lockInOrder(nodes[0]!, one!.id, two!.id), lockInOrder(nodes[1]!, two!.id, one!.id)]);
    const failures = outcomes.filter((outcome) => outcome.status === "rejected");
    expect(failures).toHaveLength(1);
    expect(isTransactionConflict((failures[0] as PromiseRejectedResult).reason)).toBe(true);
  });
});
