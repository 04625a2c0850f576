import { db } from "../../db/client";
import { ChatError } from "../base/errors";
import { findMessage, publishMessageUpdate } from "./change-message";
import { checkMessageId } from "../base/messages/message-id";
import { toMetadataList } from "../base/messages/message-view";

/** Keys one message holds at most. */
export const maxMetadataKeys = 100;
const maxKeyLength = 64;
const maxValueLength = 4096;
const keyPattern = /^[A-Za-z0-9_+=\-.]{1,64}$/;

type Target = { appId: string; userId: string; channelType: number; channelId: string; subchannelId?: string; messageId: string; sessionId?: string; asServer?: boolean };

/** Sets keys of a message's metadata (members only); every member's devices see the change. */
export async function setMessageMetadata(input: Target & { metadata: Record<string, string> }): Promise<void> {
  const entries = Object.entries(checkMetadataEntries(input.metadata));
  const { channel, message } = await findMessage(input);
  if (message.recalledAt) throw new ChatError("unprocessable", "A recalled message has no metadata");
  const known = await db.messageMetadata.count({ where: { messageId: message.id, key: { in: entries.map(([key]) => key) } } });
  const count = await db.messageMetadata.count({ where: { messageId: message.id } });
  if (count + entries.length - known > maxMetadataKeys) throw new ChatError("unprocessable", `A message holds at most ${maxMetadataKeys} metadata keys`);
  const updatedAt = new Date();
  await db.$transaction([
    ...entries.map(([key, value]) =>
      db.messageMetadata.upsert({
        where: { messageId_key: { messageId: message.id, key } },
        create: { messageId: message.id, key, value, userId: input.userId, updatedAt },
        update: { value, userId: input.userId, updatedAt },
      }),
    ),
    db.message.update({ where: { id: message.id }, data: { updatedAt } }),
  ]);
  await publishMessageUpdate(input.appId, channel, message.id, { exceptSessionId: input.sessionId });
}

/** Checks metadata set on a message or sent with it: 1 to 100 keys of the key pattern, string values. */
export function checkMetadataEntries(metadata: Record<string, unknown>): Record<string, string> {
  const entries = Object.entries(metadata);
  if (entries.length === 0 || entries.length > maxMetadataKeys) throw new ChatError("invalidParameter", `metadata must hold 1 to ${maxMetadataKeys} keys`);
  for (const [key, value] of entries) {
    checkKey(key);
    if (typeof value !== "string" || value.length > maxValueLength) throw new ChatError("invalidParameter", `metadata values are strings of at most ${maxValueLength} characters`);
  }
  return metadata as Record<string, string>;
}

/** The metadata a send carries, checked; an empty map (as clients of the contract may send) is none. */
export function checkSentMetadata(metadata: Record<string, unknown> | undefined): Record<string, string> | undefined {
  return metadata && Object.keys(metadata).length > 0 ? checkMetadataEntries(metadata) : undefined;
}

/** Stores the metadata a message was sent with, set by its sender when it was sent. */
export async function storeSentMetadata(input: { messageId: string; senderId: string; metadata: Record<string, string>; sentAt: Date }): Promise<void> {
  await db.messageMetadata.createMany({
    data: Object.entries(input.metadata).map(([key, value]) => ({ messageId: input.messageId, key, value, userId: input.senderId, updatedAt: input.sentAt })),
  });
}

export async function deleteMessageMetadata(input: Target & { keys: string[] }): Promise<void> {
  if (input.keys.length === 0 || input.keys.length > maxMetadataKeys) throw new ChatError("invalidParameter", `keys must hold 1 to ${maxMetadataKeys} keys`);
  input.keys.forEach(checkKey);
  const { channel, message } = await findMessage(input);
  await db.$transaction([
    db.messageMetadata.deleteMany({ where: { messageId: message.id, key: { in: input.keys } } }),
    db.message.update({ where: { id: message.id }, data: { updatedAt: new Date() } }),
  ]);
  await publishMessageUpdate(input.appId, channel, message.id, { exceptSessionId: input.sessionId });
}

/** A page (from 1) of a message's metadata by key, the message found by its id alone: the app server's view. */
export async function findMessageMetadata(input: { appId: string; messageId: string; page?: number }) {
  const page = input.page ?? 1;
  if (!Number.isInteger(page) || page < 1) throw new ChatError("invalidParameter", "page must be 1 or more");
  const message = await db.message.findFirst({
    where: { id: checkMessageId(input.messageId), appId: input.appId },
    // A message holds at most one page of keys.
    include: { metadata: { orderBy: { key: "asc" }, skip: (page - 1) * maxMetadataKeys, take: maxMetadataKeys } },
  });
  if (!message) throw new ChatError("notFound", `Message ${input.messageId} does not exist`);
  return { metadata: toMetadataList(message.metadata) };
}

function checkKey(key: string) {
  if (!keyPattern.test(key)) throw new ChatError("invalidParameter", `metadata keys are 1 to ${maxKeyLength} letters, digits and _ + = - .`);
}
