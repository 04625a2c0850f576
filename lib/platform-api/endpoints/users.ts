import { z } from "zod";
import { banUsers, deleteUsersForGood, findBannedUsers, findSoftDeletedUsers, getConnectionStatus, getUser, restoreUsers, softDeleteUsers, unbanUsers, updateUser } from "../../chat/products/users";
import { defineEndpoint, perSecond, v4Endpoint } from "../endpoint";

const v4 = v4Endpoint({ tag: "UserManagement", rateLimit: perSecond(100) });

const getUserEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/user/get",
  operationId: "getUser",
  summary: "Get a user's name, avatar and registration time",
  request: z.object({ userId: z.string() }),
  result: z.object({ name: z.string(), avatarUrl: z.string(), createdAt: z.string() }),
  errors: ["notFound"],
  handle: ({ app, input }) => getUser({ appId: app.id, userId: input.userId }),
});

const updateUserEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/user/update",
  operationId: "updateUser",
  summary: "Change a user's name and/or avatar",
  request: z.object({ userId: z.string(), name: z.string().optional(), avatarUrl: z.string().optional() }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => updateUser({ appId: app.id, ...input }),
});

const banUsersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/user/ban",
  operationId: "banUsers",
  summary: "Ban users for a number of minutes: their sessions are closed and connects refused until the ban ends",
  request: z.object({ userIds: z.array(z.string()), durationMinutes: z.number().int() }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => banUsers({ appId: app.id, ...input }),
});

const unbanUsersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/user/unban",
  operationId: "unbanUsers",
  summary: "Lift the bans of users",
  request: z.object({ userIds: z.array(z.string()) }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => unbanUsers({ appId: app.id, ...input }),
});

const listBannedUsersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/user/ban/list",
  operationId: "listBannedUsers",
  summary: "List the users whose ban has not ended, the soonest to end first",
  request: z.object({ page: z.number().int().optional(), pageSize: z.number().int().optional() }),
  result: z.object({ bannedUsers: z.array(z.object({ userId: z.string(), banExpiresAt: z.string() })) }),
  errors: [],
  handle: async ({ app, input }) => ({ bannedUsers: await findBannedUsers({ appId: app.id, ...input }) }),
});

const getConnectionStatusEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/user/connection-status/get",
  operationId: "getUserConnectionStatus",
  summary: 'Whether a user is connected on any node: status "1" online, "0" offline',
  request: z.object({ userId: z.string() }),
  result: z.object({ status: z.enum(["0", "1"]) }),
  errors: ["notFound"],
  handle: ({ app, input }) => getConnectionStatus({ appId: app.id, userId: input.userId }),
});

const operationResult = z.object({ operationId: z.string() });

const softDeleteUsersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/user/soft-delete",
  operationId: "softDeleteUsers",
  summary: "Deactivate users and erase their personal data; the ids can be restored, the data cannot",
  request: z.object({ userIds: z.array(z.string()) }),
  result: operationResult,
  rateLimit: { ...perSecond(100), counts: { unit: "users", of: (input) => input.userIds.length } },
  errors: ["notFound"],
  handle: ({ app, input }) => softDeleteUsers({ appId: app.id, ...input }),
});

const restoreUsersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/user/restore",
  operationId: "restoreUsers",
  summary: "Reactivate soft-deleted users",
  request: z.object({ userIds: z.array(z.string()) }),
  result: operationResult,
  rateLimit: { ...perSecond(100), counts: { unit: "users", of: (input) => input.userIds.length } },
  errors: ["notFound"],
  handle: ({ app, input }) => restoreUsers({ appId: app.id, ...input }),
});

const listSoftDeletedUsersEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/user/soft-deleted/list",
  operationId: "listSoftDeletedUsers",
  summary: "Ids of soft-deleted users, the earliest deleted first",
  request: z.object({ page: z.number().int().optional(), pageSize: z.number().int().optional() }),
  result: z.object({ userIds: z.array(z.string()) }),
  errors: [],
  handle: ({ app, input }) => findSoftDeletedUsers({ appId: app.id, ...input }),
});

const deleteUsersForGoodEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/user/delete-for-good",
  operationId: "deleteUsersForGood",
  extension: true,
  summary:
    "Development apps only: delete users for good, soft-deleted ones included, which frees their ids and the development app's 100-user quota; their messages are kept unless removeMessages is true. Production apps answer 403",
  request: z.object({ userIds: z.array(z.string()), removeMessages: z.boolean().optional() }),
  result: z.object({ userIds: z.array(z.string()), removedMessages: z.number().int(), usersLeft: z.number().int() }),
  rateLimit: { ...perSecond(100), counts: { unit: "users", of: (input) => input.userIds.length } },
  errors: ["notFound", "forbidden"],
  handle: ({ app, input }) => deleteUsersForGood({ app, userIds: input.userIds, removeMessages: input.removeMessages ?? false }),
});

export const userEndpoints = [
  getUserEndpoint,
  updateUserEndpoint,
  banUsersEndpoint,
  unbanUsersEndpoint,
  listBannedUsersEndpoint,
  getConnectionStatusEndpoint,
  softDeleteUsersEndpoint,
  restoreUsersEndpoint,
  listSoftDeletedUsersEndpoint,
  deleteUsersForGoodEndpoint,
];
