import { z } from "zod";
import { addToBlocklist, findBlocklist, removeFromBlocklist } from "../../chat/products/blocklists";
import { defineEndpoint } from "../endpoint";

export const addToBlocklistEndpoint = defineEndpoint({
  path: "/v4/user/blocklist/add",
  operationId: "addToBlocklist",
  summary: "Block users: their direct messages to the user are refused",
  tag: "UserBlocklist",
  api: "v4",
  request: z.object({ userId: z.string(), targetUserIds: z.array(z.string()) }),
  result: null,
  rateLimit: { perSecond: 100 },
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => addToBlocklist({ appId: app.id, ...input }),
});

export const removeFromBlocklistEndpoint = defineEndpoint({
  path: "/v4/user/blocklist/remove",
  operationId: "removeFromBlocklist",
  summary: "Unblock users",
  tag: "UserBlocklist",
  api: "v4",
  request: z.object({ userId: z.string(), blockedUserIds: z.array(z.string()) }),
  result: null,
  rateLimit: { perSecond: 100 },
  errors: ["notFound"],
  handle: ({ app, input }) => removeFromBlocklist({ appId: app.id, ...input }),
});

export const getBlocklistEndpoint = defineEndpoint({
  path: "/v4/user/blocklist/get",
  operationId: "getBlocklist",
  summary: "A page of the users a user blocked; pass the returned pageToken for the next page",
  tag: "UserBlocklist",
  api: "v4",
  request: z.object({
    userId: z.string(),
    pageToken: z.string().optional(),
    pageSize: z.number().int().optional(),
    order: z.number().int().optional(),
  }),
  result: z.object({ pageToken: z.string(), blockedUserIds: z.array(z.string()) }),
  rateLimit: { perSecond: 100 },
  errors: ["notFound"],
  handle: ({ app, input }) => findBlocklist({ appId: app.id, ...input }),
});
