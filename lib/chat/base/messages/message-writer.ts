import { type Db, db, sqlConnectionOf } from "../../../db/client";
import { isConstraintViolation, isUniqueViolation } from "../../../db/errors";
import { metrics } from "../../../metrics";
import { retryOnConflict } from "../../../db/retry";
import { readDate, type SqlQueries } from "../../../db/sql-connection";
import { ChatError } from "../errors";
import type { WebhookDeliveryRow } from "../webhooks/enqueue-webhook-event";
import { batchStatements, type MessageRow, sqliteBatchAtOnce } from "./message-batch-sql";

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
        const { stored, vanished } = await store(batch);
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
   * On SQLite a batch without webhook events goes to the write thread in one message
   * (`sqliteBatchAtOnce`); one that repeats a send stored before fails there, and takes the
   * full path, which finds the earlier send.
   */
  async function store(batch: Pending[]): Promise<{ stored: StoredMessage[]; vanished: Set<number> }> {
    if (sql.provider === "sqlite" && batch.every(({ message }) => !message.webhookDeliveries)) {
      try {
        return await storeAtOnce(batch);
      } catch (error) {
        if (!isConstraintViolation(error)) throw error;
      }
    }
    // Two nodes advancing overlapping channels can deadlock on their row locks.
    return retryOnConflict(() => commit(batch));
  }

  async function storeAtOnce(batch: Pending[]): Promise<{ stored: StoredMessage[]; vanished: Set<number> }> {
    const sentAt = new Date();
    const copies = copiesWithinBatch(batch);
    const byChannel = groupByChannel(batch.map((pending, index) => ({ pending, index })).filter(({ index }) => !copies.has(index)));
    const rows = new Map([...byChannel].map(([channelPk, entries]) => [channelPk, entries.map(({ pending }) => newRow(pending, sentAt))]));
    const { statements, advanceIndexes } = sqliteBatchAtOnce(rows, sentAt);
    const answers = await sql.transactionAtOnce<{ lastSeq: number }>(statements);
    const results: StoredMessage[] = new Array(batch.length);
    const vanished = new Set<number>();
    for (const [channelPk, entries] of byChannel) {
      const advanced = answers[advanceIndexes.get(channelPk)!]![0];
      entries.forEach(({ pending, index }, position) => {
        if (advanced) results[index] = { id: pending.message.id, seq: advanced.lastSeq - entries.length + 1 + position, sentAt, duplicate: false };
        else vanished.add(index);
      });
    }
    answerCopies(copies, results, vanished);
    return { stored: results, vanished };
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

  /**
   * The batch's messages stored (or found stored before), and those whose channel no longer
   * exists. Sequences are advanced for every send before the earlier-send lookup answers, in
   * the same round trip (on SQLite, one message to the write thread), and moved back for
   * the rare repeat of a send stored before.
   */
  async function commit(batch: Pending[]): Promise<{ stored: StoredMessage[]; vanished: Set<number> }> {
    const sentAt = new Date();
    const copies = copiesWithinBatch(batch);
    const candidates = batch.map((pending, index) => ({ pending, index })).filter(({ index }) => !copies.has(index));
    return sql.transaction(async (tx) => {
      const [earlier, advanced] = await Promise.all([findEarlier(tx, batch), advance(tx, candidates, 1, sentAt)]);
      const results: (StoredMessage | undefined)[] = new Array(batch.length);
      for (const { pending, index } of candidates) {
        const row = earlier.get(sendKey(pending.message));
        if (row) results[index] = { ...row, duplicate: true };
      }
      const repeats = candidates.filter(({ index }) => results[index]);
      const lastSeqs = repeats.length > 0 ? new Map([...advanced, ...(await advance(tx, repeats, -1, sentAt))]) : advanced;
      const byChannel = groupByChannel(candidates.filter(({ index }) => !results[index]));
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
          const row = { ...newRow(pending, sentAt), seq: ++seq };
          rows.push(row);
          deliveries.push(...(pending.message.webhookDeliveries?.({ seq: row.seq, sentAt }) ?? []));
          results[index] = { id: row.id, seq: row.seq, sentAt, duplicate: false };
        }
      }
      // Issued together: on SQLite they reach the write thread in one message.
      await Promise.all([
        rows.length > 0 && statements.insertMessages(tx, rows),
        rows.length > 0 && statements.markRead(tx, readBySenders(rows)),
        deliveries.length > 0 && statements.insertWebhookDeliveries(tx, deliveries),
      ]);
      answerCopies(copies, results, vanished);
      return { stored: results as StoredMessage[], vanished };
    });
  }

  /** Moves each channel's sequence by `direction` times its count of `entries`; the new last sequences of the channels that exist. */
  function advance(tx: SqlQueries, entries: { pending: Pending }[], direction: 1 | -1, now: Date): Promise<Map<string, number>> {
    const counts = new Map([...groupByChannel(entries)].map(([channelPk, group]) => [channelPk, direction * group.length]));
    return counts.size > 0 ? statements.advanceSequences(tx, counts, now) : Promise.resolve(new Map());
  }

  /** The sends of the batch stored before (same app, sender and clientMessageId), by `sendKey`. */
  async function findEarlier(tx: SqlQueries, batch: Pending[]) {
    const earlier = new Map<string, { id: string; seq: number; sentAt: Date }>();
    const lookups = [...clientMessageIdsByApp(batch)].map(async ([appId, clientMessageIds]) => {
      for (const row of await statements.findEarlier(tx, appId, clientMessageIds)) {
        earlier.set(sendKey({ channel: { appId }, ...row }), { id: row.id, seq: row.seq, sentAt: readDate(row.sentAt) });
      }
    });
    await Promise.all(lookups);
    return earlier;
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

function newRow({ message, channelPk }: Pending, sentAt: Date): Omit<MessageRow, "seq"> {
  return {
    id: message.id,
    appId: message.channel.appId,
    channelId: channelPk,
    senderId: message.senderId,
    type: message.messageType,
    content: message.content,
    clientMessageId: message.clientMessageId ?? null,
    needReadReceipt: message.needReadReceipt ?? false,
    sentAt,
  };
}

/** What makes a send the repeat of another: app, sender and clientMessageId. */
const sendKey = (message: { channel: { appId: string }; senderId: string; clientMessageId?: string | null }) =>
  `${message.channel.appId}\n${message.senderId}\n${message.clientMessageId}`;

/** Sends repeating an earlier one of the same batch: the index of each repeat, to the index of its first copy. */
function copiesWithinBatch(batch: Pending[]): Map<number, number> {
  const copies = new Map<number, number>();
  const firstInBatch = new Map<string, number>();
  batch.forEach(({ message }, index) => {
    if (message.clientMessageId === undefined) return;
    const first = firstInBatch.get(sendKey(message));
    if (first === undefined) firstInBatch.set(sendKey(message), index);
    else copies.set(index, first);
  });
  return copies;
}

/** A repeat within the batch answers what its first copy got: stored (as a duplicate) or vanished with it. */
function answerCopies(copies: Map<number, number>, results: (StoredMessage | undefined)[], vanished: Set<number>) {
  for (const [index, firstIndex] of copies) {
    if (vanished.has(firstIndex)) vanished.add(index);
    else results[index] = { ...results[firstIndex]!, duplicate: true };
  }
}

function groupByChannel<T extends { pending: Pending }>(entries: T[]): Map<string, T[]> {
  const byChannel = new Map<string, T[]>();
  for (const entry of entries) {
    const group = byChannel.get(entry.pending.channelPk);
    if (group) group.push(entry);
    else byChannel.set(entry.pending.channelPk, [entry]);
  }
  return byChannel;
}

/** The clientMessageIds of the batch's sends that carry one, by app. */
function clientMessageIdsByApp(batch: Pending[]): Map<string, string[]> {
  const byApp = new Map<string, string[]>();
  for (const { message } of batch) {
    if (message.clientMessageId === undefined) continue;
    const ids = byApp.get(message.channel.appId) ?? [];
    if (ids.length === 0) byApp.set(message.channel.appId, ids);
    ids.push(message.clientMessageId);
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
