import { db } from "../../db/client";
import { getAppSettings } from "../base/apps/app-settings";
import { publishToChannel } from "./channel-audience";
import { ChannelType } from "../base/channels/channel-types";
import { findChannel, visibleFromSeq } from "../base/channels/find-channel";
import { findReadableChannel } from "./readable-channel";
import { ChatError } from "../base/errors";
import { applyProfanityFilter } from "../products/moderation";
import { checkMessage } from "../base/messages/check-message";
import { attachMessageFile } from "../products/files";
import { checkMessageId } from "../base/messages/message-id";
import { serializePublication, toMessageView } from "../base/messages/message-view";

/** `subchannelId`: a community message's subchannel. */
type MessageAddress = { appId: string; userId: string; channelType: number; channelId: string; subchannelId?: string; messageId: string };
/** Who acts: a client (`sessionId`), or the app server acting for `userId` (with `asAdmin`, on anyone's message). */
type Actor = { sessionId?: string; asServer?: boolean; asAdmin?: boolean };

/**
 * Recalls a message: it keeps its place in the channel, its content and metadata go,
 * and every member's devices learn it live or at their next sync. Only the sender may
 * recall, or a group owner or admin, or the app server as admin. Recalling twice is fine.
 */
export async function recallMessage(input: MessageAddress & Actor): Promise<void> {
  const { channel, member, message } = await findMessage(input);
  if (message.senderId !== input.userId && !input.asAdmin && (member?.role ?? 0) < 2) {
    throw new ChatError("forbidden", "Only the sender, a group owner or admin, or the app server may recall a message");
  }
  if (message.recalledAt) return;
  const now = new Date();
  await db.$transaction([
    db.messageMetadata.deleteMany({ where: { messageId: message.id } }),
    db.message.update({ where: { id: message.id }, data: { content: "{}", recalledAt: now, updatedAt: now } }),
  ]);
  // Without multi-device sync a recall does not reach the recalling user's other devices.
  const { multiDeviceSync } = await getAppSettings(input.appId);
  await publishMessageUpdate(input.appId, channel, message.id, { exceptSessionId: input.sessionId, ...(!multiDeviceSync && { exceptUserId: input.userId }) });
}

const editableTypes: number[] = [ChannelType.direct, ChannelType.group, ChannelType.community];

/** Replaces the content of a direct, group or community message; only its sender may. */
export async function editMessage(input: MessageAddress & Actor & { content: string }): Promise<void> {
  if (!editableTypes.includes(input.channelType)) throw new ChatError("invalidParameter", "Only direct, group and community messages can be edited");
  const { channel, message } = await findMessage(input);
  if (message.senderId !== input.userId) throw new ChatError("forbidden", "Only the sender may edit a message");
  if (message.recalledAt) throw new ChatError("unprocessable", "A recalled message cannot be edited");
  const content = await applyProfanityFilter(input.appId, checkMessage({ messageType: message.type, content: input.content }));
  // A file the edit names is checked as a send's is; the file the message carried first stays with it.
  await attachMessageFile({ appId: input.appId, messageType: message.type, content, messageId: message.id, persisted: true });
  const now = new Date();
  await db.message.update({ where: { id: message.id }, data: { content: JSON.stringify(content), editedAt: now, updatedAt: now } });
  await publishMessageUpdate(input.appId, channel, message.id, { exceptSessionId: input.sessionId });
}

/**
 * A stored message of a channel the user sees it in, with the channel and the
 * membership. The app server (`asServer`) reaches channels its sender is no member of.
 */
export async function findMessage(input: MessageAddress & { asServer?: boolean }) {
  checkMessageId(input.messageId);
  const { channel, member } = input.asServer ? await findChannel(input) : await findReadableChannel(input);
  const message = await db.message.findFirst({ where: { id: input.messageId, channelId: channel.id } });
  const { groupHistoryForMembersOnly } = await getAppSettings(input.appId);
  if (!message || (member && message.seq < visibleFromSeq(member, channel.type, groupHistoryForMembersOnly))) {
    throw new ChatError("notFound", `Message ${input.messageId} is not in this conversation`);
  }
  return { channel, member, message };
}

/** Tells the channel's online devices how the message is now; offline ones see it at their next sync. */
export async function publishMessageUpdate(
  appId: string,
  channel: { id: string; type: number; channelId: string; parentId?: string | null; isPrivate?: boolean },
  messageId: string,
  except: { exceptSessionId?: string; exceptUserId?: string },
) {
  const row = await db.message.findUniqueOrThrow({ where: { id: messageId }, include: { metadata: true } });
  const data = serializePublication({ type: "message.updated", message: toMessageView({ ...row, channel }) });
  await publishToChannel({ appId, channel, data, ...except });
}
