import { z } from "zod";
import { addToBlocklist, findBlocklist, removeFromBlocklist } from "../../chat/products/blocklists";
import { defineEndpoint, perSecond, v4Endpoint } from "../endpoint";

const v4 = v4Endpoint({ tag: "UserBlocklist", rateLimit: perSecond(100) });

const addToBlocklistEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/user/blocklist/add",
  operationId: "addToBlocklist",
  summary: "Block users: their direct messages to the user are refused",
  request: z.object({ userId: z.string(), targetUserIds: z.array(z.string()) }),
  result: null,
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => addToBlocklist({ appId: app.id, ...input }),
});

const removeFromBlocklistEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/user/blocklist/remove",
  operationId: "removeFromBlocklist",
  summary: "Unblock users",
  request: z.object({ userId: z.string(), blockedUserIds: z.array(z.string()) }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => removeFromBlocklist({ appId: app.id, ...input }),
});

const getBlocklistEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/user/blocklist/get",
  operationId: "getBlocklist",
  summary: "A page of the users a user blocked; pass the returned pageToken for the next page",
  request: z.object({
    userId: z.string(),
    pageToken: z.string().optional(),
    pageSize: z.number().int().optional(),
    order: z.number().int().optional(),
  }),
  result: z.object({ pageToken: z.string(), blockedUserIds: z.array(z.string()) }),
  errors: ["notFound"],
  handle: ({ app, input }) => findBlocklist({ appId: app.id, ...input }),
});

export const blocklistEndpoints = [
  addToBlocklistEndpoint,
  removeFromBlocklistEndpoint,
  getBlocklistEndpoint,
];
