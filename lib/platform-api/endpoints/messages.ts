import { z } from "zod";
import { findDirectHistory } from "../../chat/messages/find-direct-history";
import { defineEndpoint } from "../endpoint";

export const listDirectHistoryEndpoint = defineEndpoint({
  api: "v4",
  path: "/v4/direct-channel/history-message/list",
  operationId: "listDirectChannelHistoryMessages",
  summary: "Stored messages between two users, newest first, from startAt back to endAt (at most 14 days)",
  tag: "MessageManagement",
  request: z.object({
    userId: z.string(),
    channelId: z.string(),
    startAt: z.number().int(),
    endAt: z.number().int(),
    pageSize: z.number().int().optional(),
    includeStart: z.boolean(),
  }),
  result: z.object({
    messages: z.array(
      z.object({
        channelId: z.string(),
        fromUserId: z.string(),
        messageId: z.string(),
        sentAt: z.number().int(),
        messageType: z.string(),
        /** The content as stored: JSON text. */
        content: z.string(),
        hasMetadata: z.boolean(),
      }),
    ),
  }),
  rateLimit: { perSecond: 10 },
  errors: ["notFound"],
  handle: ({ app, input }) => findDirectHistory({ appId: app.id, ...input }),
});
