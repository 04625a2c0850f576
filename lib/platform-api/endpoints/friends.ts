import { z } from "zod";
import { addFriend, findFriends, getFriendPermissions, getFriendRelationships, removeFriends, setFriendPermission, setFriendProfile } from "../../chat/products/friends";
import { defineEndpoint, perSecond, v4Endpoint } from "../endpoint";

const v4 = v4Endpoint({ tag: "Friendship", rateLimit: perSecond(100) });

const addFriendEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/friend/add",
  operationId: "addFriend",
  summary: "Befriend two users: at once (action 2, default), or as a request the target approves by adding back (action 1)",
  request: z.object({ userId: z.string(), targetId: z.string(), action: z.number().int().optional(), extra: z.string().optional() }),
  result: null,
  errors: ["notFound", "forbidden", "unprocessable"],
  handle: ({ app, input }) => addFriend({ appId: app.id, ...input }),
});

const removeFriendsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/friend/remove",
  operationId: "removeFriends",
  summary: "End friendships, for both users",
  request: z.object({ userId: z.string(), targetIds: z.array(z.string()) }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => removeFriends({ appId: app.id, ...input }),
});

const removeAllFriendsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/friend/remove-all",
  operationId: "removeAllFriends",
  summary: "End all of a user's friendships",
  request: z.object({ userId: z.string() }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => removeFriends({ appId: app.id, userId: input.userId }),
});

const setFriendProfileEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/friend/profile/set",
  operationId: "setFriendProfile",
  summary: "Set the alias (omit to clear) and ext_ attributes a user keeps for a friend",
  request: z.object({
    userId: z.string(),
    targetId: z.string(),
    alias: z.string().optional(),
    friendExtProfile: z.record(z.string(), z.string()).optional(),
  }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => setFriendProfile({ appId: app.id, ...input }),
});

const listFriendsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/friend/list",
  operationId: "listFriends",
  summary: "A page of a user's friends; pass the returned pageToken for the next page",
  request: z.object({ userId: z.string(), pageToken: z.string().optional(), pageSize: z.number().int().optional(), order: z.number().int().optional() }),
  result: z.object({
    pageToken: z.string(),
    totalCount: z.number().int(),
    friends: z.array(
      z.object({ userId: z.string(), name: z.string(), alias: z.string(), friendExtProfile: z.record(z.string(), z.string()), addedAt: z.number().int() }),
    ),
  }),
  errors: ["notFound"],
  handle: ({ app, input }) => findFriends({ appId: app.id, ...input }),
});

const getFriendRelationshipsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/friend/relationship/get",
  operationId: "getFriendRelationships",
  summary: "Whether a user is friends with each target: result 4 friends, 1 not",
  request: z.object({ userId: z.string(), targetIds: z.array(z.string()) }),
  result: z.object({ friendships: z.array(z.object({ userId: z.string(), result: z.number().int() })) }),
  errors: ["notFound"],
  handle: ({ app, input }) => getFriendRelationships({ appId: app.id, ...input }),
});

const setFriendPermissionEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/friend/permission/set",
  operationId: "setFriendPermission",
  summary: "Set who may befriend users: 1 everyone at once, 2 with approval, 3 nobody",
  request: z.object({ userIds: z.array(z.string()), permissionType: z.number().int() }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => setFriendPermission({ appId: app.id, ...input }),
});

const getFriendPermissionsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/friend/permission/get",
  operationId: "getFriendPermissions",
  summary: "Who may befriend each user",
  request: z.object({ userIds: z.array(z.string()) }),
  result: z.object({ permissions: z.array(z.object({ userId: z.string(), permissionType: z.number().int() })) }),
  errors: ["notFound"],
  handle: ({ app, input }) => getFriendPermissions({ appId: app.id, ...input }),
});

export const friendEndpoints = [
  addFriendEndpoint,
  removeFriendsEndpoint,
  removeAllFriendsEndpoint,
  setFriendProfileEndpoint,
  listFriendsEndpoint,
  getFriendRelationshipsEndpoint,
  setFriendPermissionEndpoint,
  getFriendPermissionsEndpoint,
];
