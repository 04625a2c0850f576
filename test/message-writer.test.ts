import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateMessageId } from "../lib/chat/base/messages/message-id";
import { type ChannelAddress, createMessageWriter } from "../lib/chat/base/messages/message-writer";
import { connectDatabase, type Db, sqlConnectionOf } from "../lib/db/client";
import { applyMigrations } from "../lib/db/migrate";
import { createTestDatabase, type TestDatabase } from "./support/databases";

// The writer stores through the driver (plain SQL) on the provider of this pairing; Prisma reads back.
let testDatabase: TestDatabase;
let database: Db;
let appId: string;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  await applyMigrations(testDatabase.url);
  database = connectDatabase(testDatabase.url);
  ({ id: appId } = await database.app.create({ data: { key: "writerapp00000", name: "w", secret: "s", tokenKey: "t" } }));
});
afterAll(async () => {
  await database?.$disconnect();
  await testDatabase?.drop();
});

const direct = (i: number): ChannelAddress => ({ appId, type: 1, channelId: `a${i}:b${i}`, memberIds: [`a${i}`, `b${i}`] });
const text = (senderId: string, channel: ChannelAddress, clientMessageId?: string) => ({
  id: generateMessageId(),
  channel,
  senderId,
  messageType: "RC:TxtMsg",
  content: '{"content":"x"}',
  clientMessageId,
});

describe("the group-commit message writer", () => {
  it("stores a burst of sends to many new channels with gap-free sequences per channel", async () => {
    const writer = createMessageWriter(database);
    const sends = Array.from({ length: 1500 }, (_, i) => writer.write(text(`a${i % 600}`, direct(i % 600), `burst-${i}`)));
    const stored = await Promise.all(sends);

    const seqsByChannel = new Map<number, number[]>();
    stored.forEach((message, i) => seqsByChannel.set(i % 600, [...(seqsByChannel.get(i % 600) ?? []), message.seq]));
    for (const seqs of seqsByChannel.values()) expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, k) => k + 1));
    expect(await database.message.count({ where: { appId } })).toBe(1500);
    expect(await database.channelMember.count({ where: { appId } })).toBe(1200);
  });

  it("stores a send repeated with the same clientMessageId once, in one batch or across batches", async () => {
    const writer = createMessageWriter(database);
    const channel = direct(9000);
    const [first, sameBatch] = await Promise.all([writer.write(text("a9000", channel, "again")), writer.write(text("a9000", channel, "again"))]);
    const later = await writer.write(text("a9000", channel, "again"));
    expect(first.duplicate).toBe(false);
    expect(sameBatch).toEqual({ ...first, duplicate: true });
    expect(later).toEqual({ ...first, duplicate: true });
    expect(await database.message.count({ where: { appId, clientMessageId: "again" } })).toBe(1);
    // The repeat took no sequence number: the next send has the one after the first's.
    expect((await writer.write(text("a9000", channel, "next"))).seq).toBe(first.seq + 1);
  });

  it("writes into a new channel when the one it knew was removed, and refuses a removed group's message", async () => {
    const writer = createMessageWriter(database);
    const channel = direct(9100);
    expect((await writer.write(text("a9100", channel))).seq).toBe(1);
    const { id: removedPk } = await database.channel.findFirstOrThrow({ where: { appId, channelId: "a9100:b9100" } });
    await database.channel.delete({ where: { id: removedPk } });
    const [again, alongside] = await Promise.all([writer.write(text("a9100", channel)), writer.write(text("a1", direct(1)))]);
    expect(again.seq).toBe(1);
    expect(alongside.seq).toBeGreaterThan(1);
    expect((await database.channel.findFirstOrThrow({ where: { appId, channelId: "a9100:b9100" } })).id).not.toBe(removedPk);
    await expect(writer.write(text("a9100", { appId, pk: removedPk }))).rejects.toMatchObject({ kind: "channelRemoved" });
  });

  it("keeps another sender's clientMessageId apart", async () => {
    const writer = createMessageWriter(database);
    const channel = direct(9001);
    const [fromA, fromB] = await Promise.all([writer.write(text("a9001", channel, "same")), writer.write(text("b9001", channel, "same"))]);
    expect(fromA.duplicate || fromB.duplicate).toBe(false);
    expect([fromA.seq, fromB.seq].sort()).toEqual([1, 2]);
  });

  it("commits a message's webhook deliveries in its transaction, and none for a repeated send", async () => {
    const writer = createMessageWriter(database);
    const channel = direct(9000);
    const delivery = (id: string) => (stored: { seq: number; sentAt: Date }) => [
      { id, appId, endpointUrl: "http://127.0.0.1:1/hook", eventType: "message:send", orderKey: "k", contentType: "application/json", body: JSON.stringify({ seq: stored.seq }), createdAt: stored.sentAt },
    ];
    const first = await writer.write({ ...text("a9000", channel, "hooked-1"), webhookDeliveries: delivery("delivery-1") });
    const repeat = await writer.write({ ...text("a9000", channel, "hooked-1"), webhookDeliveries: delivery("delivery-2") });

    expect(repeat).toMatchObject({ id: first.id, duplicate: true });
    const rows = await database.webhookDelivery.findMany({ where: { appId } });
    expect(rows).toEqual([
      expect.objectContaining({ id: "delivery-1", body: JSON.stringify({ seq: first.seq }), contentType: "application/json", status: "pending", attempts: 0, createdAt: first.sentAt, nextAttemptAt: first.sentAt }),
    ]);
  });

  it("writes rows that Prisma reads as it writes them: times, flags, the sender's read position", async () => {
    const writer = createMessageWriter(database);
    const channel = direct(9200);
    const stored = await writer.write({ ...text("a9200", channel, "typed"), needReadReceipt: true });
    const row = await database.message.findUniqueOrThrow({ where: { id: stored.id }, include: { channel: { include: { members: true } } } });
    expect(row).toMatchObject({ seq: 1, sentAt: stored.sentAt, updatedAt: stored.sentAt, needReadReceipt: true, clientMessageId: "typed", editedAt: null });
    expect(row.channel.lastSeq).toBe(1);
    expect(Object.fromEntries(row.channel.members.map((member) => [member.userId, member.readSeq]))).toEqual({ a9200: 1, b9200: 0 });
    // A repeat found by the driver answers the stored time, not the repeat's.
    expect((await writer.write(text("a9200", channel, "typed"))).sentAt).toEqual(stored.sentAt);
  });
});

describe("the connection that stores messages", () => {
  it.runIf(process.env.SWITCHBOARD_TEST_DATABASE !== "postgresql")("is the write thread's own SQLite connection, and it and Prisma's fsync every commit (synchronous = FULL)", async () => {
    const full = 2;
    const sql = sqlConnectionOf(database);
    const [prismaSees] = await database.$queryRawUnsafe<{ synchronous: bigint }[]>("PRAGMA synchronous");
    const [writerSees] = await sql.transactionAtOnce<{ synchronous: number }>([{ sql: "PRAGMA synchronous", values: [] }]);
    expect(Number(prismaSees!.synchronous)).toBe(full);
    expect(writerSees).toEqual([{ synchronous: full }]);
    // Two connections: a temporary table is seen only by the connection that made it.
    await sql.transactionAtOnce([{ sql: `CREATE TEMP TABLE "writerOnly" ("x" INTEGER)`, values: [] }]);
    expect(await sql.transactionAtOnce([{ sql: `SELECT count(*) AS n FROM "writerOnly"`, values: [] }])).toEqual([[{ n: 0 }]]);
    await expect(sql.query(`SELECT count(*) AS n FROM "writerOnly"`)).rejects.toThrow(/no such table/);
  });

  it.runIf(process.env.SWITCHBOARD_TEST_DATABASE !== "postgresql")("rolls back a transaction sent at once when a statement fails, and answers the driver's error", async () => {
    const sql = sqlConnectionOf(database);
    const rename = { sql: `UPDATE "App" SET "name" = 'renamed' WHERE "id" = ?`, values: [appId] };
    const refused = { sql: `INSERT INTO "App" ("id") VALUES (NULL)`, values: [] };
    await expect(sql.transactionAtOnce([rename, refused])).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_CONSTRAINT/) });
    expect(await database.app.findUniqueOrThrow({ where: { id: appId }, select: { name: true } })).toEqual({ name: "w" });
  });

  it.runIf(process.env.SWITCHBOARD_TEST_DATABASE === "postgresql")("commits with synchronous_commit on", async () => {
    expect(await sqlConnectionOf(database).query(`SHOW synchronous_commit`)).toEqual([{ synchronous_commit: "on" }]);
  });

  it("lets Prisma's interactive transactions and the writer's batches take turns on it", async () => {
    const writer = createMessageWriter(database);
    const slowTransaction = database.$transaction(async (tx) => {
      await tx.user.create({ data: { appId, id: "turn-taker", name: "t" } });
      await new Promise((resolve) => setTimeout(resolve, 50));
      return tx.user.count({ where: { appId, id: "turn-taker" } });
    });
    const sends = Array.from({ length: 20 }, (_, i) => writer.write(text("a9300", direct(9300), `turn-${i}`)));
    const [seen, ...stored] = await Promise.all([slowTransaction, ...sends]);
    expect(seen).toBe(1);
    expect(stored.map((message) => message.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
