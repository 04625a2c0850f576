import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ChannelType } from "../chat/base/channels/channel-types";
import { addToBlocklist, findBlocklist, getBlocklistStatus, removeFromBlocklist } from "../chat/products/blocklists";
import { findCommunityUnread, markCommunityRead } from "../chat/products/communities";
import { deleteConversation, findConversations, findUserChannelTags, getNotificationLevel, markConversationRead, pinConversation, setNotificationLevel } from "../chat/products/conversations";
import { parseInput } from "../chat/base/errors";
import { findGroupAttributes, removeGroupAttributes, setGroupAttributes } from "../chat/products/groups";
import { editMessage, recallMessage } from "../chat/messages/change-message";
import { findChannelHistory } from "../chat/messages/find-channel-history";
import { deleteMessageMetadata, setMessageMetadata } from "../chat/messages/message-metadata";
import { findMessageReaders, sendGroupReadReceipts } from "../chat/messages/read-receipts";
import { sendMessage } from "../chat/messages/send-message";
import { syncMessages } from "../chat/messages/sync-messages";
import { checkOperationSignature, countClientOperation } from "../chat/products/operations";
import { registerPushDevice, unregisterPushDevice } from "../chat/products/push";
import { joinOpenChannel, leaveOpenChannel } from "../chat/products/open-channels";
import { subscribeServiceChannel, unsubscribeServiceChannel } from "../chat/products/service-channels";
import { createTemporaryChannel, findTemporaryChannelMembers } from "../chat/products/temporary-channels";
import type { AuthenticatedUser } from "../chat/products/tokens";

export type RpcContext = {
  user: AuthenticatedUser;
  sessionId: string;
  platform: string;
  /** Keeps (or with null, forgets) the message to send for the client if its connection is lost: resolves once kept. */
  setWill: (will: ClientMessage | null) => Promise<void>;
};
type RpcMethod = (context: RpcContext, data: unknown) => Promise<unknown>;

const content = z.record(z.string(), z.unknown(), { error: "content must be a JSON object" });
/**
 * A conversation as its user names it: the other user (direct), the group, the temporary
 * conversation, their own id (system), or the service channel (`private`: their thread with it).
 */
const conversation = z.object({
  channelType: z.union(
    [z.literal(ChannelType.direct), z.literal(ChannelType.group), z.literal(ChannelType.temporary), z.literal(ChannelType.system), z.literal(ChannelType.service)],
    { error: "channelType must be 1 (direct), 3 (group), 5 (temporary), 6 (system) or 7 (service)" },
  ),
  channelId: z.string(),
  private: z.boolean().optional(),
});
/** Any channel with messages: a conversation, or a community's subchannel (its default channel without `subchannelId`). */
const channel = z.object({
  channelType: z.union(
    [
      z.literal(ChannelType.direct),
      z.literal(ChannelType.group),
      z.literal(ChannelType.temporary),
      z.literal(ChannelType.system),
      z.literal(ChannelType.service),
      z.literal(ChannelType.community),
    ],
    { error: "channelType must be 1 (direct), 3 (group), 5 (temporary), 6 (system), 7 (service) or 10 (community)" },
  ),
  channelId: z.string(),
  subchannelId: z.string().optional(),
  /** Service channels: the user's thread with it rather than its broadcasts. */
  private: z.boolean().optional(),
});
const message = channel.extend({ messageId: z.string() });
const community = z.object({ channelId: z.string() });

const schemas = {
  send: z.object({
    channelType: z.union(
      [
        z.literal(ChannelType.direct),
        z.literal(ChannelType.group),
        z.literal(ChannelType.open),
        z.literal(ChannelType.temporary),
        z.literal(ChannelType.service),
        z.literal(ChannelType.community),
      ],
      { error: "channelType must be 1 (direct), 3 (group), 4 (open channel), 5 (temporary), 7 (service) or 10 (community)" },
    ),
    channelId: z.string(),
    /** Community messages: the subchannel; without it the community's default channel. */
    subchannelId: z.string().optional(),
    messageType: z.string().default("RC:TxtMsg"),
    content,
    clientMessageId: z.string().optional(),
    needReadReceipt: z.boolean().optional(),
    /** Group and community messages: just these members (readers) receive it. */
    toUserIds: z.array(z.string()).optional(),
    /** The offline push notification's text and data, or none (`disabled`). */
    push: z.object({ content: z.string().max(1024).optional(), data: z.string().max(4096).optional(), disabled: z.boolean().optional() }).optional(),
  }),
  edit: message.extend({ content }),
  metadataSet: message.extend({ metadata: z.record(z.string(), z.string(), { error: "metadata must map keys to strings" }) }),
  metadataDelete: message.extend({ keys: z.array(z.string()) }),
  readReceipt: z.object({ channelId: z.string(), messageIds: z.array(z.string()) }),
  readers: z.object({ channelId: z.string(), messageId: z.string() }),
  history: channel.extend({ beforeSeq: z.number().int().optional(), limit: z.number().int().optional() }),
  sync: z.object({ position: z.string().optional(), limit: z.number().int().optional() }),
  list: z.object({ limit: z.number().int().optional() }),
  read: conversation.extend({ seq: z.number().int() }),
  pin: conversation.extend({ pinned: z.boolean() }),
  remove: conversation.extend({ clearHistory: z.boolean().optional() }),
  joinOpenChannel: z.object({ channelId: z.string(), historyCount: z.number().int().optional() }),
  leaveOpenChannel: z.object({ channelId: z.string() }),
  communityRead: community.extend({ subchannelId: z.string().optional(), seq: z.number().int() }),
  notification: conversation.extend({ level: z.number().int() }),
  attributesSet: z.object({ groupId: z.string(), attributes: z.record(z.string(), z.string(), { error: "attributes must map keys to strings" }) }),
  attributesGet: z.object({ groupId: z.string(), keys: z.array(z.string()).optional() }),
  attributesDelete: z.object({ groupId: z.string(), keys: z.array(z.string()) }),
  temporaryCreate: z.object({ memberIds: z.array(z.string()), ttlSeconds: z.number().int().optional() }),
  temporaryMembers: z.object({ channelId: z.string() }),
  serviceChannel: z.object({ channelId: z.string() }),
  blocklistAdd: z.object({ targetUserIds: z.array(z.string()) }),
  blocklistRemove: z.object({ blockedUserIds: z.array(z.string()) }),
  blocklistCheck: z.object({ targetUserId: z.string() }),
  blocklistList: z.object({ pageToken: z.string().optional(), pageSize: z.number().int().optional(), order: z.number().int().optional() }),
};

const ok = { ok: true };

/** A message as a client asks for it: sent now (`message.send`) or kept as its will (`will.set`). */
export type ClientMessage = z.infer<typeof schemas.send>;

/** Sends a client's message through the one send pipeline. */
export async function sendClientMessage(context: { user: Pick<AuthenticatedUser, "appId" | "userId">; sessionId: string; platform: string }, input: ClientMessage) {
  const { user, sessionId, platform } = context;
  const { channelType, channelId, subchannelId, toUserIds, content: body, ...rest } = input;
  const target =
    channelType === ChannelType.group
      ? { channelType, groupId: channelId, toUserIds }
      : channelType === ChannelType.community
        ? { channelType, communityId: channelId, subchannelId, toUserIds }
        : channelType === ChannelType.open || channelType === ChannelType.temporary || channelType === ChannelType.service
          ? { channelType, channelId }
          : { channelType, recipientId: channelId };
  return sendMessage({ appId: user.appId, senderId: user.userId, target, content: JSON.stringify(body), senderSession: { id: sessionId, platform }, ...rest });
}

/** A client operation the app may require its server to sign, and may limit per minute. */
const guard = {
  history: async ({ user, platform }: RpcContext, input: { channelId: string; subchannelId?: string }, data: unknown) => {
    await countClientOperation({ appId: user.appId, userId: user.userId, platform, operation: "history" });
    const conversation = input.subchannelId === undefined ? input.channelId : `${input.channelId}/${input.subchannelId}`;
    await checkOperationSignature({ ...user, operation: "history", conversation, signature: signatureOf(data) });
  },
  join: async ({ user, platform }: RpcContext, conversation: string, data: unknown) => {
    await countClientOperation({ appId: user.appId, userId: user.userId, platform, operation: "membership" });
    await checkOperationSignature({ ...user, operation: "join", conversation, signature: signatureOf(data) });
  },
  leave: ({ user, platform }: RpcContext) => countClientOperation({ appId: user.appId, userId: user.userId, platform, operation: "membership" }),
  /** A temporary conversation is signed as the member ids its creator names, sorted and joined by commas. */
  create: async ({ user, platform }: RpcContext, memberIds: string[], data: unknown) => {
    await countClientOperation({ appId: user.appId, userId: user.userId, platform, operation: "membership" });
    const conversation = [...new Set(memberIds)].sort().join(",");
    await checkOperationSignature({ ...user, operation: "create", conversation, signature: signatureOf(data) });
  },
};

const signatureOf = (data: unknown) => (data as { signature?: unknown } | null | undefined)?.signature;

/** Chat operations clients call with the protocol's RPC command; each is a thin adapter over lib/chat (see docs/protocol.md). */
export const rpcMethods: Record<string, RpcMethod> = {
  "message.send": async (context, data) => ({ message: await sendClientMessage(context, parseInput(schemas.send, data)) }),
  "will.set": async ({ setWill }, data) => {
    // Checked now, sent when this connection is lost; its client message id sends it once at most.
    await setWill({ clientMessageId: randomUUID(), ...parseInput(schemas.send, data) });
    return ok;
  },
  "will.clear": async ({ setWill }) => {
    await setWill(null);
    return ok;
  },
  "message.recall": async ({ user, sessionId }, data) => {
    await recallMessage({ ...parseInput(message, data), appId: user.appId, userId: user.userId, sessionId });
    return ok;
  },
  "message.edit": async ({ user, sessionId }, data) => {
    const input = parseInput(schemas.edit, data);
    await editMessage({ ...input, content: JSON.stringify(input.content), appId: user.appId, userId: user.userId, sessionId });
    return ok;
  },
  "message.metadata.set": async ({ user, sessionId }, data) => {
    await setMessageMetadata({ ...parseInput(schemas.metadataSet, data), appId: user.appId, userId: user.userId, sessionId });
    return ok;
  },
  "message.metadata.delete": async ({ user, sessionId }, data) => {
    await deleteMessageMetadata({ ...parseInput(schemas.metadataDelete, data), appId: user.appId, userId: user.userId, sessionId });
    return ok;
  },
  "message.readReceipt": async ({ user }, data) => {
    await sendGroupReadReceipts({ ...parseInput(schemas.readReceipt, data), appId: user.appId, userId: user.userId });
    return ok;
  },
  "message.readers": ({ user }, data) => findMessageReaders({ ...parseInput(schemas.readers, data), appId: user.appId, userId: user.userId }),
  "history.list": async (context, data) => {
    const input = parseInput(schemas.history, data);
    await guard.history(context, input, data);
    return findChannelHistory({ ...input, appId: context.user.appId, userId: context.user.userId });
  },
  sync: ({ user }, data) => syncMessages({ ...parseInput(schemas.sync, data ?? {}), appId: user.appId, userId: user.userId }),
  "conversation.list": ({ user }, data) => findConversations({ ...parseInput(schemas.list, data ?? {}), appId: user.appId, userId: user.userId }),
  "conversation.read": ({ user, sessionId }, data) => markConversationRead({ ...parseInput(schemas.read, data), appId: user.appId, userId: user.userId, sessionId }),
  "conversation.pin": async ({ user }, data) => {
    await pinConversation({ ...parseInput(schemas.pin, data), appId: user.appId, userId: user.userId });
    return ok;
  },
  "openChannel.join": async (context, data) => {
    const input = parseInput(schemas.joinOpenChannel, data);
    await guard.join(context, input.channelId, data);
    return joinOpenChannel({ ...input, appId: context.user.appId, userId: context.user.userId });
  },
  "openChannel.leave": async (context, data) => {
    const input = parseInput(schemas.leaveOpenChannel, data);
    await guard.leave(context);
    await leaveOpenChannel({ ...input, appId: context.user.appId, userId: context.user.userId });
    return ok;
  },
  "community.unread": ({ user }, data) => findCommunityUnread({ ...parseInput(community, data), appId: user.appId, userId: user.userId }),
  "community.read": ({ user, sessionId }, data) => markCommunityRead({ ...parseInput(schemas.communityRead, data), appId: user.appId, userId: user.userId, sessionId }),
  "conversation.delete": async ({ user }, data) => {
    await deleteConversation({ ...parseInput(schemas.remove, data), appId: user.appId, userId: user.userId });
    return ok;
  },
  "conversation.notification.set": async ({ user }, data) => {
    await setNotificationLevel({ ...parseInput(schemas.notification, data), appId: user.appId, userId: user.userId });
    return ok;
  },
  "conversation.notification.get": async ({ user }, data) => {
    const { noDisturbLevel } = await getNotificationLevel({ ...parseInput(conversation, data), appId: user.appId, userId: user.userId });
    return { level: noDisturbLevel };
  },
  "conversation.tags.list": async ({ user }) => ({ tags: (await findUserChannelTags({ appId: user.appId, userId: user.userId })).tags }),
  "group.attributes.get": ({ user }, data) => {
    const { groupId, keys } = parseInput(schemas.attributesGet, data);
    return findGroupAttributes({ appId: user.appId, userId: user.userId, channelId: groupId, keys });
  },
  "group.attributes.set": async ({ user }, data) => {
    const { groupId, attributes } = parseInput(schemas.attributesSet, data);
    await setGroupAttributes({ appId: user.appId, userId: user.userId, channelId: groupId, attributes });
    return ok;
  },
  "group.attributes.delete": async ({ user }, data) => {
    const { groupId, keys } = parseInput(schemas.attributesDelete, data);
    await removeGroupAttributes({ appId: user.appId, userId: user.userId, channelId: groupId, keys });
    return ok;
  },
  "temporaryChannel.create": async (context, data) => {
    const input = parseInput(schemas.temporaryCreate, data);
    await guard.create(context, input.memberIds, data);
    return createTemporaryChannel({ ...input, appId: context.user.appId, creatorId: context.user.userId });
  },
  "temporaryChannel.members": ({ user }, data) => findTemporaryChannelMembers({ ...parseInput(schemas.temporaryMembers, data), appId: user.appId, userId: user.userId }),
  "serviceChannel.subscribe": async (context, data) => {
    const input = parseInput(schemas.serviceChannel, data);
    await guard.join(context, input.channelId, data);
    await subscribeServiceChannel({ ...input, appId: context.user.appId, userId: context.user.userId });
    return ok;
  },
  "serviceChannel.unsubscribe": async (context, data) => {
    const input = parseInput(schemas.serviceChannel, data);
    await guard.leave(context);
    await unsubscribeServiceChannel({ ...input, appId: context.user.appId, userId: context.user.userId });
    return ok;
  },
  // The user's own blocklist: the same rules and limits as the app server's /v4/user/blocklist/*.
  "blocklist.add": async ({ user }, data) => {
    await addToBlocklist({ ...parseInput(schemas.blocklistAdd, data), appId: user.appId, userId: user.userId });
    return ok;
  },
  "blocklist.remove": async ({ user }, data) => {
    await removeFromBlocklist({ ...parseInput(schemas.blocklistRemove, data), appId: user.appId, userId: user.userId });
    return ok;
  },
  "blocklist.check": ({ user }, data) => getBlocklistStatus({ ...parseInput(schemas.blocklistCheck, data), appId: user.appId, userId: user.userId }),
  "blocklist.list": ({ user }, data) => findBlocklist({ ...parseInput(schemas.blocklistList, data ?? {}), appId: user.appId, userId: user.userId }),
  "push.register": async ({ user }, data) => {
    await registerPushDevice({ appId: user.appId, userId: user.userId, device: data });
    return ok;
  },
  "push.unregister": async ({ user }, data) => {
    await unregisterPushDevice({ appId: user.appId, userId: user.userId, device: data });
    return ok;
  },
};
