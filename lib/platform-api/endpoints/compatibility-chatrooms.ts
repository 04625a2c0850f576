import { z } from "zod";
import { broadcastToOpenChannels, sendOpenChannelMessages } from "../../chat/messages/send-server-messages";
import { checkParticipants, createOpenChannel, destroyOpenChannels, findParticipants, getOpenChannel } from "../../chat/products/open-channels";
import { ChatError } from "../../chat/base/errors";
import { compatibilityEndpoint, defineEndpoint, perSecond } from "../endpoint";
import { formFlag, formInteger, formList } from "../form-fields";

/**
 * The older form API's chat rooms, over the open-channel core: chatroomId for the
 * channel id, destroyTime for ttlMinutes, isBan for a freeze, whiteUserIds for its
 * allowed senders, entryOwnerId / entryInfo for metadata.
 */

/** `chatroom[<id>]=<name>` pairs: rooms the older API creates in one call (names are not kept). */
const roomIdKey = /^chatroom\[(.+)\]$/;

const legacyCreateChatroomsEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/chatroom/create.json",
  operationId: "legacyCreateChatrooms",
  summary: "Create chat rooms given as chatroom[<id>]=<name>; existing ones are left as they are (older API)",
  request: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  result: null,
  rateLimit: perSecond(100),
  errors: [],
  handle: async ({ app, input }) => {
    const ids = Object.keys(input).flatMap((key) => roomIdKey.exec(key)?.[1] ?? []);
    if (ids.length === 0) throw new ChatError("invalidParameter", "name the rooms as chatroom[<id>]=<name>");
    for (const channelId of ids) await createOpenChannel({ appId: app.id, channelId, ifAbsent: true });
  },
});

const legacyCreateChatroomEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/chatroom/create_new.json",
  operationId: "legacyCreateChatroom",
  summary: "Create a chat room with its lifetime, freeze, allowed senders and metadata (older API)",
  request: z.object({
    chatroomId: z.string(),
    destroyType: formInteger.optional(),
    destroyTime: formInteger.optional(),
    isBan: z.enum(["true", "false"]).transform((value) => value === "true").optional(),
    whiteUserIds: formList.optional(),
    entryOwnerId: z.string().optional(),
    entryInfo: z.string().optional(),
  }),
  result: null,
  rateLimit: perSecond(100),
  errors: ["conflict"],
  handle: ({ app, input }) =>
    createOpenChannel({
      appId: app.id,
      channelId: input.chatroomId,
      destroyType: input.destroyType,
      ttlMinutes: input.destroyTime,
      shouldFreeze: input.isBan,
      allowedSendersList: input.whiteUserIds,
      metadataOwnerId: input.entryOwnerId,
      metadata: input.entryInfo === undefined ? undefined : parseEntryInfo(input.entryInfo),
    }),
});

function parseEntryInfo(text: string): Record<string, string> {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value) && Object.values(value).every((entry) => typeof entry === "string")) return value as Record<string, string>;
  } catch {
    // refused below
  }
  throw new ChatError("invalidParameter", "entryInfo must be a JSON object of strings");
}

const legacyDestroyChatroomsEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/chatroom/destroy.json",
  operationId: "legacyDestroyChatrooms",
  summary: "Destroy chat rooms; their participants are told (older API)",
  request: z.object({ chatroomId: formList }),
  result: null,
  rateLimit: perSecond(100),
  errors: [],
  handle: ({ app, input }) => destroyOpenChannels({ appId: app.id, channelIds: input.chatroomId }),
});

const legacyGetChatroomEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/chatroom/get.json",
  operationId: "legacyGetChatroom",
  summary: "A chat room's creation time, participant count, lifetime and freeze (older API)",
  request: z.object({ chatroomId: z.string() }),
  result: z.object({
    chatroomId: z.string(),
    createTime: z.number().int(),
    memberCount: z.number().int(),
    destroyType: z.number().int(),
    destroyTime: z.number().int(),
    isBan: z.boolean(),
  }),
  rateLimit: perSecond(100),
  errors: ["notFound"],
  handle: async ({ app, input }) => {
    const channel = await getOpenChannel({ appId: app.id, channelId: input.chatroomId });
    return {
      chatroomId: channel.channelId,
      createTime: channel.createdAt,
      memberCount: channel.participantCount,
      destroyType: channel.destroyType,
      destroyTime: channel.ttlMinutes,
      isBan: channel.isFrozen,
    };
  },
});

const legacyQueryChatroomUsersEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/chatroom/user/query.json",
  operationId: "legacyQueryChatroomUsers",
  summary: "Up to `count` participants of a chat room (order 1 earliest first, 2 latest first) and how many there are (older API)",
  request: z.object({ chatroomId: z.string(), count: formInteger, order: z.enum(["1", "2"], { error: 'order must be "1" (earliest first) or "2" (latest first)' }).optional() }),
  result: z.object({ total: z.number().int(), users: z.array(z.object({ id: z.string(), time: z.string() })) }),
  rateLimit: perSecond(100),
  errors: ["notFound"],
  handle: async ({ app, input }) => {
    const found = await findParticipants({ appId: app.id, channelId: input.chatroomId, pageSize: input.count, order: input.order === "2" ? 1 : 0 });
    return { total: found.total, users: found.participants.map((participant) => ({ id: participant.participantId, time: participant.createdAt })) };
  },
});

const legacyChatroomUserExistsEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/chatroom/user/exist.json",
  operationId: "legacyChatroomUserExists",
  summary: "Whether a user is in a chat room (older API)",
  request: z.object({ chatroomId: z.string(), userId: z.string() }),
  result: z.object({ isInChrm: z.boolean() }),
  rateLimit: perSecond(100),
  errors: ["notFound"],
  handle: async ({ app, input }) => {
    const { participants } = await checkParticipants({ appId: app.id, channelId: input.chatroomId, participantIds: [input.userId] });
    return { isInChrm: participants[0]?.isInOpenChannel === 1 };
  },
});

const legacySend = (appId: string, input: { fromUserId: string; objectName: string; content: string; isIncludeSender?: boolean; isPersisted?: boolean }) => ({
  appId,
  senderId: input.fromUserId,
  messageType: input.objectName,
  content: input.content,
  byServer: { persist: input.isPersisted ?? true, echoToSender: input.isIncludeSender ?? false, verifyBlocklist: false },
});

const legacyPublishChatroomEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/message/chatroom/publish.json",
  operationId: "legacyPublishChatroomMessage",
  summary: "A message to each of up to 10 chat rooms, for their connected participants (older API)",
  request: z.object({
    fromUserId: z.string(),
    toChatroomId: formList,
    objectName: z.string(),
    content: z.string(),
    isIncludeSender: formFlag.optional(),
    isPersisted: formFlag.optional(),
  }),
  result: null,
  rateLimit: perSecond(100),
  errors: ["notFound", "rateLimited", "messageBlocked", "userBanned"],
  handle: async ({ app, input }) => {
    await sendOpenChannelMessages({ ...legacySend(app.id, input), toChannelIds: input.toChatroomId });
  },
});

const legacyBroadcastChatroomsEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/message/chatroom/broadcast.json",
  operationId: "legacyBroadcastChatroomMessage",
  summary: "A message in every chat room of the app (older API)",
  request: z.object({ fromUserId: z.string(), objectName: z.string(), content: z.string() }),
  result: null,
  rateLimit: perSecond(1),
  errors: ["messageBlocked", "userBanned"],
  handle: ({ app, input }) => broadcastToOpenChannels(legacySend(app.id, input)),
});

export const compatibilityChatroomEndpoints = [
  legacyCreateChatroomsEndpoint,
  legacyCreateChatroomEndpoint,
  legacyDestroyChatroomsEndpoint,
  legacyGetChatroomEndpoint,
  legacyQueryChatroomUsersEndpoint,
  legacyChatroomUserExistsEndpoint,
  legacyPublishChatroomEndpoint,
  legacyBroadcastChatroomsEndpoint,
];
