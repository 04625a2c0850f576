import { z } from "zod";
import { ChannelType } from "../../chat/base/channels/channel-types";
import type { UserRuleKind } from "../../chat/base/channels/channel-user-rules";
import { findHistoryMessages } from "../../chat/messages/find-history-messages";
import { broadcastToOpenChannels, sendOpenChannelMessages } from "../../chat/messages/send-server-messages";
import { addGlobalOpenChannelMutes, addPriorityMessageTypes, addToOpenChannelList, checkParticipants, createOpenChannel, destroyOpenChannels, findFrozenOpenChannels, findGlobalOpenChannelMutes, findOpenChannelList, findOpenChannelMetadata, findParticipants, findPriorityMessageTypes, getOpenChannel, type PriorityList, removeFromOpenChannelList, removeGlobalOpenChannelMutes, removeOpenChannelMetadata, removePriorityMessageTypes, setOpenChannelFrozen, setOpenChannelLifetime, setOpenChannelMetadata } from "../../chat/products/open-channels";
import { defineEndpoint, perSecond, v4Endpoint } from "../endpoint";
import { historyItem, historyRequest, sendFields, serverSend } from "../message-fields";

const v4 = v4Endpoint({ tag: "OpenChannel", rateLimit: perSecond(100) });
const channelOnly = z.object({ channelId: z.string() });
/** Fields of list changes that Switchboard takes and does not act on: it sends no notices about them. */
const noticeFields = { extra: z.string().optional(), needNotify: z.boolean().optional() };
const participantsChange = z.object({ channelId: z.string(), participantIds: z.array(z.string()), ...noticeFields });
const timedParticipantsChange = participantsChange.extend({ durationMinutes: z.number().int() });

const createOpenChannelEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/open-channel/create",
  operationId: "createOpenChannel",
  summary: "Create an open channel (a chat room without fixed membership), destroyed when inactive (0) or at a fixed time (1) after ttlMinutes (60 to 10080)",
  request: z.object({
    channelId: z.string(),
    destroyType: z.number().int().optional(),
    ttlMinutes: z.number().int().optional(),
    shouldFreeze: z.boolean().optional(),
    allowedSendersList: z.array(z.string()).optional(),
    metadataOwnerId: z.string().optional(),
    metadata: z.record(z.string(), z.string()).optional(),
  }),
  result: null,
  errors: ["conflict"],
  handle: ({ app, input }) => createOpenChannel({ appId: app.id, ...input }),
});

const destroyOpenChannelsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/open-channel/destroy",
  operationId: "destroyOpenChannels",
  summary: "Destroy open channels: their participants are told and stop receiving; unknown ids are skipped",
  request: z.object({ channelIds: z.array(z.string()) }),
  result: null,
  errors: [],
  handle: ({ app, input }) => destroyOpenChannels({ appId: app.id, ...input }),
});

const getOpenChannelEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/open-channel/get",
  operationId: "getOpenChannel",
  summary: "An open channel's creation time, participant count, lifetime and freeze state",
  request: channelOnly,
  result: z.object({
    channelId: z.string(),
    createdAt: z.number().int(),
    participantCount: z.number().int(),
    destroyType: z.number().int(),
    ttlMinutes: z.number().int(),
    isFrozen: z.boolean(),
  }),
  errors: ["notFound"],
  handle: ({ app, input }) => getOpenChannel({ appId: app.id, ...input }),
});

const setOpenChannelDestroyTypeEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/open-channel/destroy-type/set",
  operationId: "setOpenChannelDestroyType",
  summary: "Change how an open channel ends: when inactive (0) or at a fixed time (1), after ttlMinutes",
  request: z.object({ channelId: z.string(), destroyType: z.number().int().optional(), ttlMinutes: z.number().int().optional() }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => setOpenChannelLifetime({ appId: app.id, ...input }),
});

const listParticipantsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/open-channel/participant/list",
  operationId: "listOpenChannelParticipants",
  summary: "Who is in an open channel, by join time (order 1: latest first), and how many",
  request: z.object({ channelId: z.string(), pageSize: z.number().int().optional(), order: z.number().int().optional() }),
  result: z.object({ total: z.number().int(), participants: z.array(z.object({ participantId: z.string(), createdAt: z.string() })) }),
  errors: ["notFound"],
  handle: ({ app, input }) => findParticipants({ appId: app.id, ...input }),
});

const checkParticipantsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/open-channel/participant/exist",
  operationId: "checkOpenChannelParticipants",
  summary: "Whether each of up to 1,000 users is in an open channel (1) or not (0)",
  request: z.object({ channelId: z.string(), participantIds: z.array(z.string()) }),
  result: z.object({ participants: z.array(z.object({ participantId: z.string(), isInOpenChannel: z.number().int() })) }),
  errors: ["notFound"],
  handle: ({ app, input }) => checkParticipants({ appId: app.id, ...input }),
});

/** add / remove / get endpoints of one per-channel list; the priority-sender list takes no notice fields. */
function participantListEndpoints(input: {
  path: string;
  name: string;
  kind: UserRuleKind;
  timed: boolean;
  notices?: false;
  describe: string;
  listField: string;
  expiryField?: string;
}) {
  const change = input.notices === false ? participantsChange.omit({ extra: true, needNotify: true }) : participantsChange;
  const add = defineEndpoint({
    ...v4,
    path: `/v4/open-channel/${input.path}/add`,
    operationId: `add${input.name}`,
    summary: `Add participants to an open channel's ${input.describe}`,
    request: input.timed ? timedParticipantsChange : change,
    result: null,
    errors: ["notFound"],
    handle: ({ app, input: body }) =>
      addToOpenChannelList({ appId: app.id, kind: input.kind, ...body, durationMinutes: "durationMinutes" in body ? (body.durationMinutes as number) : undefined }),
  });
  const remove = defineEndpoint({
    ...v4,
    path: `/v4/open-channel/${input.path}/remove`,
    operationId: `remove${input.name}`,
    summary: `Remove participants from an open channel's ${input.describe}`,
    request: change,
    result: null,
    errors: ["notFound"],
    handle: ({ app, input: body }) => removeFromOpenChannelList({ appId: app.id, kind: input.kind, ...body }),
  });
  const entry = input.expiryField ? z.object({ participantId: z.string(), [input.expiryField]: z.string() }) : z.string();
  const get = defineEndpoint({
    ...v4,
    path: `/v4/open-channel/${input.path}/get`,
    operationId: `get${input.name}`,
    summary: `An open channel's ${input.describe}`,
    request: channelOnly,
    result: z.object({ [input.listField]: z.array(entry) }),
    errors: ["notFound"],
    handle: async ({ app, input: body }) => {
      const entries = await findOpenChannelList({ appId: app.id, kind: input.kind, ...body });
      const expiryField = input.expiryField;
      return { [input.listField]: entries.map((rule) => (expiryField ? { participantId: rule.participantId, [expiryField]: rule.expiresAt } : rule.participantId)) };
    },
  });
  return [add, remove, get] as const;
}

const [muteParticipantsEndpoint, unmuteParticipantsEndpoint, getMutedParticipantsEndpoint] = participantListEndpoints({
  path: "participant/mute-list",
  name: "OpenChannelMutedParticipants",
  kind: "mute",
  timed: true,
  describe: "mute list (for durationMinutes)",
  listField: "mutedParticipants",
  expiryField: "muteExpiresAt",
});
const [banParticipantsEndpoint, unbanParticipantsEndpoint, getBannedParticipantsEndpoint] = participantListEndpoints({
  path: "participant/ban-list",
  name: "OpenChannelBannedParticipants",
  kind: "ban",
  timed: true,
  describe: "ban list (kicked out and kept out for durationMinutes)",
  listField: "bannedParticipants",
  expiryField: "banExpiresAt",
});
const [addAllowedSendersEndpoint, removeAllowedSendersEndpoint, getAllowedSendersEndpoint] = participantListEndpoints({
  path: "participant/allowed-sender-list",
  name: "OpenChannelAllowedSenders",
  kind: "allowedSender",
  timed: false,
  describe: "allowed senders (who send when it is frozen or they are muted)",
  listField: "participantIds",
});
const [addPrioritySendersEndpoint, removePrioritySendersEndpoint, getPrioritySendersEndpoint] = participantListEndpoints({
  path: "priority-sender-list",
  name: "OpenChannelPrioritySenders",
  kind: "prioritySender",
  timed: false,
  notices: false,
  describe: "priority senders (their messages are never dropped under load)",
  listField: "participantIds",
});

const addGlobalMutesEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/open-channel/global-mute-list/add",
  operationId: "addOpenChannelGlobalMutes",
  summary: "Mute users in every open channel of the app for durationMinutes",
  request: z.object({ participantIds: z.array(z.string()), durationMinutes: z.number().int(), ...noticeFields }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => addGlobalOpenChannelMutes({ appId: app.id, ...input }),
});

const removeGlobalMutesEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/open-channel/global-mute-list/remove",
  operationId: "removeOpenChannelGlobalMutes",
  summary: "Unmute users in every open channel of the app",
  request: z.object({ participantIds: z.array(z.string()), ...noticeFields }),
  result: null,
  errors: [],
  handle: ({ app, input }) => removeGlobalOpenChannelMutes({ appId: app.id, ...input }),
});

const getGlobalMutesEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/open-channel/global-mute-list/get",
  operationId: "getOpenChannelGlobalMutes",
  summary: "Users muted in every open channel of the app",
  request: z.object({}),
  result: z.object({ mutedParticipants: z.array(z.object({ participantId: z.string(), muteExpiresAt: z.string() })) }),
  errors: [],
  handle: ({ app }) => findGlobalOpenChannelMutes({ appId: app.id }),
});

const freezeChange = z.object({ channelId: z.string(), ...noticeFields });

const freezeOpenChannelEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/open-channel/freeze-list/add",
  operationId: "freezeOpenChannel",
  summary: "Freeze an open channel: only its allowed senders may send",
  request: freezeChange,
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => setOpenChannelFrozen({ appId: app.id, channelId: input.channelId, frozen: true }),
});

const unfreezeOpenChannelEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/open-channel/freeze-list/remove",
  operationId: "unfreezeOpenChannel",
  summary: "Unfreeze an open channel",
  request: freezeChange,
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => setOpenChannelFrozen({ appId: app.id, channelId: input.channelId, frozen: false }),
});

const listFrozenOpenChannelsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/open-channel/freeze-list/get",
  operationId: "listFrozenOpenChannels",
  summary: "The app's frozen open channels, a page at a time",
  request: z.object({ page: z.number().int().optional(), pageSize: z.number().int().optional() }),
  result: z.object({ channelIds: z.array(z.string()) }),
  errors: [],
  handle: ({ app, input }) => findFrozenOpenChannels({ appId: app.id, ...input }),
});

const checkOpenChannelFrozenEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/open-channel/freeze/check",
  operationId: "checkOpenChannelFrozen",
  summary: "Whether an open channel is frozen (1) or not (0)",
  request: channelOnly,
  result: z.object({ status: z.number().int() }),
  errors: ["notFound"],
  handle: async ({ app, input }) => ({ status: (await getOpenChannel({ appId: app.id, ...input })).isFrozen ? 1 : 0 }),
});

/** Setting and removing metadata draw on one budget, counted in keys. */
const metadataChanges = { ...perSecond(100), sharedAs: "open channel metadata changes" };

const getOpenChannelMetadataEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/open-channel/metadata/batch/get",
  operationId: "getOpenChannelMetadata",
  summary: "An open channel's metadata, all of it or the keys named",
  request: z.object({ channelId: z.string(), metadataKeys: z.array(z.string()).optional() }),
  result: z.object({
    metadata: z.array(z.object({ key: z.string(), value: z.string(), metadataOwnerId: z.string(), shouldAutoDelete: z.number().int(), updatedAt: z.number().int() })),
  }),
  errors: ["notFound"],
  handle: ({ app, input }) => findOpenChannelMetadata({ appId: app.id, ...input }),
});

const setOpenChannelMetadataEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/open-channel/metadata/batch/set",
  operationId: "setOpenChannelMetadata",
  summary: "Set keys of an open channel's metadata, owned by metadataOwnerId (shouldAutoDelete 1: removed when the owner leaves)",
  request: z.object({ channelId: z.string(), metadataOwnerId: z.string(), metadata: z.record(z.string(), z.string()), shouldAutoDelete: z.number().int().optional() }),
  result: null,
  rateLimit: { ...metadataChanges, counts: { unit: "keys", of: (input) => Object.keys(input.metadata).length } },
  errors: ["notFound", "forbidden", "unprocessable"],
  handle: ({ app, input }) => setOpenChannelMetadata({ appId: app.id, ...input, autoDelete: input.shouldAutoDelete === 1 }),
});

const removeOpenChannelMetadataEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/open-channel/metadata/batch/remove",
  operationId: "removeOpenChannelMetadata",
  summary: "Remove keys of an open channel's metadata owned by metadataOwnerId",
  request: z.object({ channelId: z.string(), metadataOwnerId: z.string(), metadataKeys: z.array(z.string()) }),
  result: null,
  rateLimit: { ...metadataChanges, counts: { unit: "keys", of: (input) => input.metadataKeys.length } },
  errors: ["notFound", "forbidden"],
  handle: ({ app, input }) => removeOpenChannelMetadata({ appId: app.id, ...input }),
});

/** add / remove / get endpoints of one of the app's priority type lists. */
function priorityTypeEndpoints(input: { path: string; name: string; list: PriorityList; describe: string }) {
  const typesChange = z.object({ messageTypes: z.array(z.string()) });
  return [
    defineEndpoint({
      ...v4,
      path: `/v4/open-channel/${input.path}/add`,
      operationId: `add${input.name}`,
      summary: `Add message types to the app's ${input.describe}`,
      request: typesChange,
      result: null,
      errors: ["conflict", "unprocessable"],
      handle: ({ app, input: body }) => addPriorityMessageTypes({ appId: app.id, list: input.list, ...body }),
    }),
    defineEndpoint({
      ...v4,
      path: `/v4/open-channel/${input.path}/remove`,
      operationId: `remove${input.name}`,
      summary: `Remove message types from the app's ${input.describe}`,
      request: typesChange,
      result: null,
      errors: [],
      handle: ({ app, input: body }) => removePriorityMessageTypes({ appId: app.id, list: input.list, ...body }),
    }),
    defineEndpoint({
      ...v4,
      path: `/v4/open-channel/${input.path}/get`,
      operationId: `get${input.name}`,
      summary: `The app's ${input.describe}`,
      request: z.object({}),
      result: z.object({ messageTypes: z.array(z.string()) }),
      errors: [],
      handle: ({ app }) => findPriorityMessageTypes({ appId: app.id, list: input.list }),
    }),
  ] as const;
}

const [addPriorityTypesEndpoint, removePriorityTypesEndpoint, getPriorityTypesEndpoint] = priorityTypeEndpoints({
  path: "priority-message-type-list",
  name: "OpenChannelPriorityMessageTypes",
  list: "openChannelPriorityMessageTypes",
  describe: "open-channel message types dropped last under load",
});
const [addLowPriorityTypesEndpoint, removeLowPriorityTypesEndpoint, getLowPriorityTypesEndpoint] = priorityTypeEndpoints({
  path: "low-priority-message-type-list",
  name: "OpenChannelLowPriorityMessageTypes",
  list: "openChannelLowPriorityMessageTypes",
  describe: "open-channel message types dropped first under load",
});

const sendOpenChannelMessagesEndpoint = defineEndpoint({
  ...v4,
  tag: "MessageManagement",
  path: "/v4/open-channel/message/send",
  operationId: "sendOpenChannelMessage",
  summary: "A message to each of up to 10 open channels, reaching their online participants (priority 1: never dropped under load)",
  request: z.object({
    fromUserId: sendFields.fromUserId,
    toChannelIds: z.array(z.string()),
    messageType: sendFields.messageType,
    content: sendFields.content,
    shouldPersist: sendFields.shouldPersist,
    isEchoToSender: sendFields.isEchoToSender,
    priority: z.number().int().optional(),
  }),
  result: z.object({ messageIds: z.array(z.object({ channelId: z.string(), messageId: z.string() })) }),
  rateLimit: { ...perSecond(100), counts: { unit: "open channels", of: (input) => input.toChannelIds.length } },
  errors: ["notFound", "forbidden", "rateLimited", "messageBlocked", "userBanned"],
  handle: ({ app, input }) => {
    const send = serverSend(input);
    return sendOpenChannelMessages({ appId: app.id, toChannelIds: input.toChannelIds, ...send, byServer: { ...send.byServer, priority: input.priority === 1 } });
  },
});

const broadcastOpenChannelMessageEndpoint = defineEndpoint({
  ...v4,
  tag: "MessageManagement",
  path: "/v4/open-channel/message/broadcast",
  operationId: "broadcastOpenChannelMessage",
  summary: "A message in every open channel of the app",
  request: z.object({ fromUserId: z.string(), messageType: z.string(), content: z.string(), isEchoToSender: z.number().int().optional() }),
  result: null,
  rateLimit: perSecond(1),
  errors: ["messageBlocked", "userBanned"],
  handle: ({ app, input }) => broadcastToOpenChannels({ appId: app.id, ...serverSend(input) }),
});

const listOpenChannelHistoryEndpoint = defineEndpoint({
  ...v4,
  tag: "MessageManagement",
  path: "/v4/open-channel/history-message/list",
  operationId: "listOpenChannelHistoryMessages",
  summary: "Stored messages of an open channel, newest first, from startAt back to endAt (at most 14 days)",
  request: historyRequest,
  result: z.object({ messages: z.array(historyItem) }),
  rateLimit: perSecond(10),
  errors: ["notFound"],
  handle: ({ app, input }) => findHistoryMessages({ appId: app.id, channelType: ChannelType.open, ...input }),
});

export const openChannelEndpoints = [
  createOpenChannelEndpoint,
  destroyOpenChannelsEndpoint,
  getOpenChannelEndpoint,
  setOpenChannelDestroyTypeEndpoint,
  listParticipantsEndpoint,
  checkParticipantsEndpoint,
  muteParticipantsEndpoint,
  unmuteParticipantsEndpoint,
  getMutedParticipantsEndpoint,
  banParticipantsEndpoint,
  unbanParticipantsEndpoint,
  getBannedParticipantsEndpoint,
  addAllowedSendersEndpoint,
  removeAllowedSendersEndpoint,
  getAllowedSendersEndpoint,
  addPrioritySendersEndpoint,
  removePrioritySendersEndpoint,
  getPrioritySendersEndpoint,
  addGlobalMutesEndpoint,
  removeGlobalMutesEndpoint,
  getGlobalMutesEndpoint,
  freezeOpenChannelEndpoint,
  unfreezeOpenChannelEndpoint,
  listFrozenOpenChannelsEndpoint,
  checkOpenChannelFrozenEndpoint,
  getOpenChannelMetadataEndpoint,
  setOpenChannelMetadataEndpoint,
  removeOpenChannelMetadataEndpoint,
  addPriorityTypesEndpoint,
  removePriorityTypesEndpoint,
  getPriorityTypesEndpoint,
  addLowPriorityTypesEndpoint,
  removeLowPriorityTypesEndpoint,
  getLowPriorityTypesEndpoint,
  sendOpenChannelMessagesEndpoint,
  broadcastOpenChannelMessageEndpoint,
  listOpenChannelHistoryEndpoint,
];
