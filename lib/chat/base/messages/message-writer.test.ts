import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type Db } from "../../../db/client";
import { applyMigrations } from "../../../db/migrate";
import { generateMessageId } from "./message-id";
import { type ChannelAddress, createMessageWriter } from "./message-writer";

let dir: string;
let database: Db;
let appId: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "switchboard-writer-"));
  const url = `file:${path.join(dir, "writer.db")}`;
  await applyMigrations(url);
  database = connectDatabase(url);
  ({ id: appId } = await database.app.create({ data: { key: "writerapp00000", name: "w", secret: "s", tokenKey: "t" } }));
});
afterAll(async () => {
  await database?.$disconnect();
  rmSync(dir, { recursive: true, force: true });
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
      { id, appId, endpointUrl: "http://127.0.0.1:1/hook", eventType: "message:send", orderKey: "k", body: JSON.stringify({ seq: stored.seq }), createdAt: stored.sentAt },
    ];
    const first = await writer.write({ ...text("a9000", channel, "hooked-1"), webhookDeliveries: delivery("delivery-1") });
    const repeat = await writer.write({ ...text("a9000", channel, "hooked-1"), webhookDeliveries: delivery("delivery-2") });

    expect(repeat).toMatchObject({ id: first.id, duplicate: true });
    const rows = await database.webhookDelivery.findMany({ where: { appId }, select: { id: true, body: true } });
    expect(rows).toEqual([{ id: "delivery-1", body: JSON.stringify({ seq: first.seq }) }]);
  });
});
