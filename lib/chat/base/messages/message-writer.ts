import { type Db, db, Prisma, type Tx } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import { retryOnConflict } from "../../../db/retry";
import { ChatError } from "../errors";

/**
 * Where a message goes: a channel row known by its id (groups), or one created with
 * its members on first use (direct and system channels).
 */
export type ChannelAddress = { appId: string; pk: string } | { appId: string; type: number; channelId: string; memberIds: string[] };

export type NewMessage = {
  /** Chosen by the sender's node before storing, so checks before storage can name the message. */
  id: string;
  channel: ChannelAddress;
  senderId: string;
  messageType: string;
  /** JSON text. */
  content: string;
  clientMessageId?: string;
  needReadReceipt?: boolean;
  /**
   * The message's webhook events, committed with it (a stored message is never missing
   * from the app's message routing); not called for a repeated clientMessageId.
   */
  webhookDeliveries?: (stored: { seq: number; sentAt: Date }) => Prisma.WebhookDeliveryCreateManyInput[];
};

export type StoredMessage = {
  id: string;
  seq: number;
  sentAt: Date;
  /** True when a message with the same sender and clientMessageId was stored before: this is it. */
  duplicate: boolean;
};

type Pending = { message: NewMessage; channelPk: string; resolve: (stored: StoredMessage) => void; reject: (error: unknown) => void };

/** Most messages committed in one transaction. */
const maxBatchSize = 500;
/** Values per IN list of a Prisma query: Prisma refuses more than 999 parameters on SQLite. */
const maxQueryParameters = 500;

/**
 * Group commit: sends that arrive while a transaction is running wait and go into the
 * next one together. Each channel's sequence is advanced once per batch by an atomic
 * increment of its row, which keeps sequences gap-free with several nodes on one database.
 * A send resolves only after its transaction committed.
 */
export function createMessageWriter(database: Db) {
  const queue: Pending[] = [];
  const channelPks = new Map<string, string>();
  const pendingChannels = new Map<string, Promise<string>>();
  let flushing = false;

  async function flush() {
    flushing = true;
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatchSize);
      try {
        // Two nodes advancing overlapping channels can deadlock on their row locks.
        const { stored, vanished } = await retryOnConflict(() => commit(batch));
        batch.forEach((pending, index) => (vanished.has(index) ? writeAgain(pending) : pending.resolve(stored[index]!)));
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
    flushing = false;
  }

  /**
   * A message whose channel went (an inactive conversation removed) after its send found
   * it: a direct or system channel is created afresh; a group stays gone.
   */
  function writeAgain(pending: Pending) {
    const address = pending.message.channel;
    if ("pk" in address) return pending.reject(new ChatError("channelRemoved", "The conversation no longer exists: it was removed after the app's inactivity period"));
    channelPks.delete(channelCacheKey(address));
    writer.write(pending.message).then(pending.resolve, pending.reject);
  }

  /** The batch's messages stored (or found stored before), and those whose channel no longer exists. */
  async function commit(batch: Pending[]): Promise<{ stored: StoredMessage[]; vanished: Set<number> }> {
    const sentAt = new Date();
    return database.$transaction(async (tx) => {
      const { results, copies } = await findDuplicates(tx, batch);
      const fresh = batch
        .map((pending, index) => ({ pending, index }))
        .filter(({ index }) => !results[index] && !copies.has(index));
      const byChannel = new Map<string, typeof fresh>();
      for (const entry of fresh) {
        const group = byChannel.get(entry.pending.channelPk);
        if (group) group.push(entry);
        else byChannel.set(entry.pending.channelPk, [entry]);
      }
      const lastSeqs = await advanceSequences(tx, new Map([...byChannel].map(([channelPk, entries]) => [channelPk, entries.length])), sentAt);
      const rows: MessageRow[] = [];
      const deliveries: Prisma.WebhookDeliveryCreateManyInput[] = [];
      const vanished = new Set<number>();
      for (const [channelPk, entries] of byChannel) {
        if (!lastSeqs.has(channelPk)) {
          for (const { index } of entries) vanished.add(index);
          continue;
        }
        let seq = lastSeqs.get(channelPk)! - entries.length;
        for (const { pending, index } of entries) {
          const { message } = pending;
          const row = {
            id: message.id,
            appId: message.channel.appId,
            channelId: channelPk,
            seq: ++seq,
            senderId: message.senderId,
            type: message.messageType,
            content: message.content,
            clientMessageId: message.clientMessageId ?? null,
            needReadReceipt: message.needReadReceipt ?? false,
            sentAt,
          };
          rows.push(row);
          deliveries.push(...(message.webhookDeliveries?.({ seq: row.seq, sentAt }) ?? []));
          results[index] = { id: row.id, seq: row.seq, sentAt, duplicate: false };
        }
      }
      await insertMessages(tx, rows);
      await markReadBySenders(tx, rows);
      if (deliveries.length > 0) await tx.webhookDelivery.createMany({ data: deliveries });
      for (const [index, firstIndex] of copies) {
        if (vanished.has(firstIndex)) vanished.add(index);
        else results[index] = { ...results[firstIndex]!, duplicate: true };
      }
      return { stored: results as StoredMessage[], vanished };
    });
  }

  /**
   * Sends repeating an earlier (app, sender, clientMessageId): `results` holds those stored
   * before, `copies` maps a repeat within this batch to the index of its first copy.
   */
  async function findDuplicates(tx: Tx, batch: Pending[]) {
    const results: (StoredMessage | undefined)[] = new Array(batch.length);
    const copies = new Map<number, number>();
    const keyed = batch.filter((pending) => pending.message.clientMessageId !== undefined);
    if (keyed.length === 0) return { results, copies };
    const key = (appId: string, senderId: string, clientMessageId: string | null) => `${appId}\n${senderId}\n${clientMessageId}`;
    const stored = [];
    for (const [appId, clientMessageIds] of clientMessageIdsByApp(keyed)) {
      for (let start = 0; start < clientMessageIds.length; start += maxQueryParameters) {
        // Raw: this read is in every batch, where Prisma's query compilation costs more than the read.
        stored.push(
          ...(await tx.$queryRaw<{ id: string; seq: number; sentAt: Date; appId: string; senderId: string; clientMessageId: string }[]>`
            SELECT "id", "seq", "sentAt", "appId", "senderId", "clientMessageId" FROM "Message"
            WHERE "appId" = ${appId} AND "clientMessageId" IN (${Prisma.join(clientMessageIds.slice(start, start + maxQueryParameters))})`),
        );
      }
    }
    const earlier = new Map(stored.map((row) => [key(row.appId, row.senderId, row.clientMessageId), row]));
    const firstInBatch = new Map<string, number>();
    batch.forEach(({ message }, index) => {
      if (message.clientMessageId === undefined) return;
      const k = key(message.channel.appId, message.senderId, message.clientMessageId);
      const row = earlier.get(k);
      if (row) results[index] = { id: row.id, seq: row.seq, sentAt: row.sentAt, duplicate: true };
      else if (firstInBatch.has(k)) copies.set(index, firstInBatch.get(k)!);
      else firstInBatch.set(k, index);
    });
    return { results, copies };
  }

  /** The channel's row id, creating the channel with its members on first use. */
  function ensureChannel(address: ChannelAddress): Promise<string> {
    if ("pk" in address) return Promise.resolve(address.pk);
    const cacheKey = channelCacheKey(address);
    const known = channelPks.get(cacheKey);
    if (known) return Promise.resolve(known);
    let pending = pendingChannels.get(cacheKey);
    if (!pending) {
      pending = findOrCreateChannel(address)
        .then((channelPk) => (channelPks.set(cacheKey, channelPk), channelPk))
        .finally(() => pendingChannels.delete(cacheKey));
      pendingChannels.set(cacheKey, pending);
    }
    return pending;
  }

  async function findOrCreateChannel(address: Extract<ChannelAddress, { type: number }>): Promise<string> {
    const where = { appId: address.appId, type: address.type, channelId: address.channelId };
    // findFirst, not findUnique: Prisma merges concurrent findUnique calls into one query,
    // which a burst of new channels would push past SQLite's limit on query parameters.
    let channel = await database.channel.findFirst({ where, select: { id: true } });
    if (!channel) {
      try {
        channel = await database.channel.create({
          data: {
            appId: address.appId,
            type: address.type,
            channelId: address.channelId,
            members: { create: address.memberIds.map((userId) => ({ appId: address.appId, userId })) },
          },
          select: { id: true },
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        channel = await database.channel.findFirstOrThrow({ where, select: { id: true } });
      }
    }
    return channel.id;
  }

  const writer = {
    /** Resolves once the message is durably stored, with its id and sequence number. */
    async write(message: NewMessage): Promise<StoredMessage> {
      const channelPk = await ensureChannel(message.channel);
      return new Promise<StoredMessage>((resolve, reject) => {
        queue.push({ message, channelPk, resolve, reject });
        // setImmediate lets the sends of this event-loop turn join the same batch.
        if (!flushing) {
          flushing = true;
          setImmediate(() => void flush());
        }
      });
    },
    /** Resolves when every queued message is committed (or failed); for shutdown. */
    async drain(): Promise<void> {
      while (flushing || queue.length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    },
  };
  return writer;
}

const channelCacheKey = (address: Extract<ChannelAddress, { type: number }>) => `${address.appId}\n${address.type}\n${address.channelId}`;

function clientMessageIdsByApp(batch: Pending[]): Map<string, string[]> {
  const byApp = new Map<string, string[]>();
  for (const { message } of batch) {
    const ids = byApp.get(message.channel.appId) ?? [];
    if (ids.length === 0) byApp.set(message.channel.appId, ids);
    ids.push(message.clientMessageId!);
  }
  return byApp;
}

type MessageRow = {
  id: string;
  appId: string;
  channelId: string;
  seq: number;
  senderId: string;
  type: string;
  content: string;
  clientMessageId: string | null;
  needReadReceipt: boolean;
  sentAt: Date;
};

/** Rows per INSERT: 11 values each, 5,500 at most, far below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const rowsPerInsert = maxBatchSize;

/**
 * One multi-row INSERT per batch. Prisma's createMany costs about three times as
 * much here (measured: 500 rows ≈ 95 ms against ≈ 35 ms), on the hottest path there is.
 */
async function insertMessages(tx: Tx, rows: MessageRow[]) {
  for (let start = 0; start < rows.length; start += rowsPerInsert) {
    const values = rows
      .slice(start, start + rowsPerInsert)
      .map(
        (row) =>
          Prisma.sql`(${row.id}, ${row.appId}, ${row.channelId}, ${row.seq}, ${row.senderId}, ${row.type}, ${row.content}, ${row.clientMessageId}, ${row.needReadReceipt}, ${row.sentAt}, ${row.sentAt})`,
      );
    await tx.$executeRaw`INSERT INTO "Message" ("id", "appId", "channelId", "seq", "senderId", "type", "content", "clientMessageId", "needReadReceipt", "sentAt", "updatedAt") VALUES ${Prisma.join(values)}`;
  }
}

/**
 * A sender has read their own channel up to what they sent, so their unread count
 * (last sequence minus read position) stays 0. Each row is the channel's newest message
 * of its sender in this batch, and newer than anything read, under the channel row lock.
 */
async function markReadBySenders(tx: Tx, rows: MessageRow[]) {
  const newest = new Map<string, MessageRow>();
  for (const row of rows) newest.set(`${row.channelId}\n${row.senderId}`, row);
  const latest = [...newest.values()];
  for (let start = 0; start < latest.length; start += rowsPerInsert) {
    const slice = latest.slice(start, start + rowsPerInsert);
    const cases = slice.map((row) => Prisma.sql`WHEN "channelId" = ${row.channelId} AND "userId" = ${row.senderId} THEN CAST(${row.seq} AS INTEGER)`);
    const keys = slice.map((row) => Prisma.sql`(${row.channelId}, ${row.senderId})`);
    await tx.$executeRaw`UPDATE "ChannelMember" SET "readSeq" = CASE ${Prisma.join(cases, " ")} END WHERE ("channelId", "userId") IN (${Prisma.join(keys)})`;
  }
}

/**
 * Advances the sequence of every channel of a batch by its count in one statement and
 * returns each channel's new last sequence. The row locks it takes serialize writers
 * of the same channel across nodes until the transaction ends.
 */
async function advanceSequences(tx: Tx, counts: Map<string, number>, now: Date): Promise<Map<string, number>> {
  if (counts.size === 0) return new Map();
  const cases = [...counts].map(([channelPk, count]) => Prisma.sql`WHEN ${channelPk} THEN CAST(${count} AS INTEGER)`);
  const rows = await tx.$queryRaw<{ id: string; lastSeq: number | bigint }[]>(Prisma.sql`
    UPDATE "Channel" SET "lastSeq" = "lastSeq" + CASE "id" ${Prisma.join(cases, " ")} END, "updatedAt" = ${now}
    WHERE "id" IN (${Prisma.join([...counts.keys()])})
    RETURNING "id", "lastSeq"`);
  return new Map(rows.map((row) => [row.id, Number(row.lastSeq)]));
}

export type MessageWriter = ReturnType<typeof createMessageWriter>;

// One writer per process so that sends from route handlers and the gateway share batches.
const key = Symbol.for("switchboard.messageWriter");
const globals = globalThis as typeof globalThis & { [key]?: MessageWriter };

export function getMessageWriter(): MessageWriter {
  return (globals[key] ??= createMessageWriter(db));
}
