import { type Db, db, sqlConnectionOf } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import { metrics } from "../../../metrics";
import { retryOnConflict } from "../../../db/retry";
import { readDate, type SqlQueries } from "../../../db/sql-connection";
import { ChatError } from "../errors";
import type { WebhookDeliveryRow } from "../webhooks/enqueue-webhook-event";
import { batchStatements, type MessageRow } from "./message-batch-sql";

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
  webhookDeliveries?: (stored: { seq: number; sentAt: Date }) => WebhookDeliveryRow[];
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

/**
 * Group commit: sends that arrive while a transaction is running wait and go into the
 * next one together. Each channel's sequence is advanced once per batch by an atomic
 * increment of its row, which keeps sequences gap-free with several nodes on one database.
 * A send resolves only after its transaction committed. The batch runs as plain SQL
 * through the driver (message-batch-sql.ts); creating a channel on first use goes through Prisma.
 */
export function createMessageWriter(database: Db) {
  const sql = sqlConnectionOf(database);
  const statements = batchStatements[sql.provider];
  const queue: Pending[] = [];
  const channelPks = new Map<string, string>();
  const pendingChannels = new Map<string, Promise<string>>();
  let flushing = false;

  async function flush() {
    flushing = true;
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatchSize);
      const started = performance.now();
      try {
        // Two nodes advancing overlapping channels can deadlock on their row locks.
        const { stored, vanished } = await retryOnConflict(() => commit(batch));
        metrics.writerBatchSize.observe(batch.length);
        metrics.writerCommitSeconds.observe((performance.now() - started) / 1000);
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
    return sql.transaction(async (tx) => {
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
      const counts = new Map([...byChannel].map(([channelPk, entries]) => [channelPk, entries.length]));
      const lastSeqs = counts.size > 0 ? await statements.advanceSequences(tx, counts, sentAt) : new Map<string, number>();
      const rows: MessageRow[] = [];
      const deliveries: WebhookDeliveryRow[] = [];
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
      if (rows.length > 0) {
        await statements.insertMessages(tx, rows);
        await statements.markRead(tx, readBySenders(rows));
      }
      if (deliveries.length > 0) await statements.insertWebhookDeliveries(tx, deliveries);
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
  async function findDuplicates(tx: SqlQueries, batch: Pending[]) {
    const results: (StoredMessage | undefined)[] = new Array(batch.length);
    const copies = new Map<number, number>();
    const keyed = batch.filter((pending) => pending.message.clientMessageId !== undefined);
    if (keyed.length === 0) return { results, copies };
    const key = (appId: string, senderId: string, clientMessageId: string | null) => `${appId}\n${senderId}\n${clientMessageId}`;
    const earlier = new Map<string, { id: string; seq: number; sentAt: Date }>();
    for (const [appId, clientMessageIds] of clientMessageIdsByApp(keyed)) {
      for (const row of await statements.findEarlier(tx, appId, clientMessageIds)) {
        earlier.set(key(appId, row.senderId, row.clientMessageId), { id: row.id, seq: row.seq, sentAt: readDate(row.sentAt) });
      }
    }
    const firstInBatch = new Map<string, number>();
    batch.forEach(({ message }, index) => {
      if (message.clientMessageId === undefined) return;
      const k = key(message.channel.appId, message.senderId, message.clientMessageId);
      const row = earlier.get(k);
      if (row) results[index] = { ...row, duplicate: true };
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

/**
 * A sender has read their own channel up to what they sent, so their unread count
 * (last sequence minus read position) stays 0: the channel's newest message of each
 * sender in the batch, newer than anything read, under the channel row lock.
 */
function readBySenders(rows: MessageRow[]) {
  const newest = new Map<string, { channelId: string; userId: string; seq: number }>();
  for (const row of rows) newest.set(`${row.channelId}\n${row.senderId}`, { channelId: row.channelId, userId: row.senderId, seq: row.seq });
  return [...newest.values()];
}

export type MessageWriter = ReturnType<typeof createMessageWriter>;

// One writer per process so that sends from route handlers and the gateway share batches.
const key = Symbol.for("switchboard.messageWriter");
const globals = globalThis as typeof globalThis & { [key]?: MessageWriter };

export function getMessageWriter(): MessageWriter {
  return (globals[key] ??= createMessageWriter(db));
}
