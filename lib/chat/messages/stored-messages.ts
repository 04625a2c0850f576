import { z } from "zod";
import type { StoredFileView, StoredMessage, StoredMessagePage, StoredMessageSummary } from "../../contract";
import { findMessageFiles } from "../products/files";
import { db, type Prisma } from "../../db/client";
import { ChannelType, channelIdSeenBy, splitCommunityChannelId } from "../base/channels/channel-types";
import { ChatError, parseInput } from "../base/errors";
import { recallMessage } from "./change-message";

/**
 * The operator's view of stored messages (console): search with filters, one message
 * whole, recall by id, and export. Every query is bounded by an index: the app's time
 * index, a channel's, or a sender's.
 */

const pageSize = 50;
/** Text search reads content, which no index covers: it needs a channel, a sender, or at most this many days. */
const textSearchMaxDays = 7;

export const messageFiltersSchema = z.object({
  channelType: z.coerce.number().int().optional(),
  channelId: z.string().optional(),
  senderId: z.string().optional(),
  /** Direct messages to or from this user. */
  recipientId: z.string().optional(),
  from: z.coerce.date({ error: "from is a date" }).optional(),
  to: z.coerce.date({ error: "to is a date" }).optional(),
  messageType: z.string().optional(),
  text: z.string().optional(),
});
export type MessageFilters = z.infer<typeof messageFiltersSchema>;

/** Checks filters as given (query text or typed), before any row is read. */
export function parseMessageFilters(input: unknown): MessageFilters {
  const filters = parseInput(messageFiltersSchema, input);
  const { channelId, senderId, recipientId, from, to, text } = filters;
  const bounded = channelId || senderId || recipientId || (from && to && to.getTime() - from.getTime() <= textSearchMaxDays * 86_400_000);
  if (text && !bounded) throw new ChatError("invalidParameter", `Text search needs a channel, a sender, a recipient or a time range of at most ${textSearchMaxDays} days`);
  return filters;
}

function whereOf(appId: string, filters: MessageFilters): Prisma.MessageWhereInput {
  const { channelType, channelId, senderId, recipientId, from, to, messageType, text } = filters;
  const channel: Prisma.ChannelWhereInput[] = [
    ...(channelType !== undefined ? [{ type: channelType }] : []),
    // A community's messages include its subchannels'.
    ...(channelId ? [{ OR: [{ channelId }, { channelId: { startsWith: `${channelId}/` } }] }] : []),
    ...(recipientId ? [{ type: ChannelType.direct, OR: [{ channelId: { startsWith: `${recipientId}:` } }, { channelId: { endsWith: `:${recipientId}` } }] }] : []),
  ];
  return {
    appId,
    ...(channel.length > 0 && { channel: { AND: channel } }),
    ...(senderId && { senderId }),
    ...(messageType && { type: messageType }),
    ...((from || to) && { sentAt: { ...(from && { gte: from }), ...(to && { lte: to }) } }),
    ...(text && { content: { contains: text } }),
  };
}

const listed = { id: true, seq: true, senderId: true, type: true, content: true, sentAt: true, editedAt: true, recalledAt: true, channel: { select: { type: true, channelId: true } } } as const;
type ListedMessage = Prisma.MessageGetPayload<{ select: typeof listed }>;

function toRow(message: ListedMessage, file?: StoredFileView): StoredMessageSummary {
  return {
    messageId: message.id,
    channelType: message.channel.type,
    channelId: message.channel.channelId,
    seq: message.seq,
    senderId: message.senderId,
    messageType: message.type,
    content: message.content,
    sentAt: message.sentAt.toISOString(),
    edited: message.editedAt !== null,
    recalled: message.recalledAt !== null,
    ...(file && { file }),
  };
}

/** A page of matching messages, newest first, before the cursor (the last id of the page before). */
export async function searchMessages(input: { appId: string; filters: unknown; before?: string; withFiles?: boolean }): Promise<StoredMessagePage> {
  const where = whereOf(input.appId, parseMessageFilters(input.filters));
  const cursor = input.before ? await db.message.findFirst({ where: { id: input.before, appId: input.appId }, select: { id: true, sentAt: true } }) : null;
  const rows = await db.message.findMany({
    where: cursor ? { AND: [where, { OR: [{ sentAt: { lt: cursor.sentAt } }, { sentAt: cursor.sentAt, id: { lt: cursor.id } }] }] } : where,
    orderBy: [{ sentAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
    select: listed,
  });
  const page = rows.slice(0, pageSize);
  // The files messages carry, with URLs signed as the page is read (not in exports, whose URLs would expire).
  const files = input.withFiles === false ? new Map<string, StoredFileView>() : await findMessageFiles({ appId: input.appId, messages: page.map((row) => ({ id: row.id, type: row.type, content: row.content, recalled: row.recalledAt !== null })) });
  return { messages: page.map((row) => toRow(row, files.get(row.id))), nextCursor: rows.length > pageSize ? page.at(-1)!.id : null };
}

/** Every matching message, newest first, read a page at a time (exports), up to `limit`. */
export async function* allMatchingMessages(input: { appId: string; filters: unknown; limit: number }) {
  let before: string | undefined;
  let count = 0;
  for (;;) {
    const { messages, nextCursor } = await searchMessages({ ...input, before, withFiles: false });
    for (const message of messages) {
      if (count++ >= input.limit) return;
      yield message;
    }
    if (!nextCursor) return;
    before = nextCursor;
  }
}

/** One message as stored, with its metadata and read receipts count. */
export async function getStoredMessage(input: { appId: string; messageId: string }): Promise<StoredMessage> {
  const message = await db.message.findFirst({
    where: { appId: input.appId, id: input.messageId },
    include: { channel: { select: { type: true, channelId: true } }, metadata: { select: { key: true, value: true, userId: true, updatedAt: true } }, _count: { select: { readReceipts: true } } },
  });
  if (!message) throw new ChatError("notFound", `No message ${input.messageId} in this app`);
  const { channel, metadata, _count, ...stored } = message;
  return {
    ...stored,
    sentAt: stored.sentAt.toISOString(),
    updatedAt: stored.updatedAt.toISOString(),
    editedAt: stored.editedAt?.toISOString() ?? null,
    recalledAt: stored.recalledAt?.toISOString() ?? null,
    channelType: channel.type,
    channelId: channel.channelId,
    metadata: metadata.map((entry) => ({ ...entry, updatedAt: entry.updatedAt.toISOString() })),
    readReceipts: _count.readReceipts,
  };
}

/** Recalls a message by its id, as the app server acting as admin would. */
export async function recallStoredMessage(input: { appId: string; messageId: string }): Promise<void> {
  const message = await getStoredMessage(input);
  const address =
    message.channelType === ChannelType.community
      ? splitCommunityChannelId(message.channelId)
      : { channelId: channelIdSeenBy({ type: message.channelType, channelId: message.channelId }, message.senderId) };
  await recallMessage({ appId: input.appId, userId: message.senderId, channelType: message.channelType, ...address, messageId: message.id, asServer: true, asAdmin: true });
}
