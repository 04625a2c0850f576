import { z } from "zod";
import { addProfanityWords, findChannelTypeMutes, findProfanityWords, removeProfanityWords, setChannelTypeMute } from "../../chat/products/moderation";
import { defineEndpoint, perSecond, v4Endpoint } from "../endpoint";

const v4 = v4Endpoint({ tag: "Moderation", rateLimit: perSecond(100) });

const addProfanityWordsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/profanity-word/batch/add",
  operationId: "batchAddProfanityWords",
  summary: "Add words to the profanity filter: a word with a replacement is replaced, one without blocks the message",
  request: z.object({ words: z.array(z.object({ word: z.string(), replacement: z.string().optional() })) }),
  result: z.object({ remainingQuota: z.number().int() }),
  errors: ["unprocessable"],
  handle: ({ app, input }) => addProfanityWords({ appId: app.id, ...input }),
});

const removeProfanityWordEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/profanity-word/remove",
  operationId: "removeProfanityWord",
  summary: "Remove a word from the profanity filter",
  request: z.object({ word: z.string() }),
  result: null,
  errors: [],
  handle: ({ app, input }) => removeProfanityWords({ appId: app.id, words: [input.word] }),
});

const removeProfanityWordsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/profanity-word/batch/remove",
  operationId: "batchRemoveProfanityWords",
  summary: "Remove words from the profanity filter",
  request: z.object({ words: z.array(z.string()) }),
  result: null,
  errors: [],
  handle: ({ app, input }) => removeProfanityWords({ appId: app.id, ...input }),
});

const listProfanityWordsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/profanity-word/list",
  operationId: "listProfanityWords",
  summary: 'The profanity filter\'s words: filterType "0" replaced, "1" blocked (default), "2" all',
  request: z.object({ filterType: z.string().optional() }),
  result: z.object({ words: z.array(z.object({ word: z.string(), replacement: z.string(), filterType: z.string() })) }),
  errors: [],
  handle: ({ app, input }) => findProfanityWords({ appId: app.id, ...input }),
});

const setChannelTypeMuteEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/channel-type/mute/set",
  operationId: "setChannelTypeMute",
  summary: "Mute (muteState 1) or unmute (0) users in every channel of the given types (PERSON, GROUP, CHATROOM, ULTRAGROUP)",
  tag: "UserManagement",
  request: z.object({ userIds: z.array(z.string()), muteState: z.number().int(), channelTypes: z.array(z.string()) }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => setChannelTypeMute({ appId: app.id, ...input }),
});

const listChannelTypeMutesEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/channel-type/mute/list",
  operationId: "listChannelTypeMutes",
  summary: "The users muted in a channel type, the earliest muted first",
  tag: "UserManagement",
  request: z.object({ channelType: z.string(), pageSize: z.number().int().optional(), offset: z.number().int().optional() }),
  result: z.object({ totalCount: z.number().int(), mutedUserIds: z.array(z.string()) }),
  errors: [],
  handle: ({ app, input }) => findChannelTypeMutes({ appId: app.id, ...input }),
});

export const moderationEndpoints = [
  addProfanityWordsEndpoint,
  removeProfanityWordEndpoint,
  removeProfanityWordsEndpoint,
  listProfanityWordsEndpoint,
  setChannelTypeMuteEndpoint,
  listChannelTypeMutesEndpoint,
];
