import { z } from "zod";
import { deleteUserProfiles, getUserProfiles, getUserTags, listUserProfiles, setUserProfile, setUserTags } from "../../chat/products/profiles";
import { defineEndpoint, perSecond, v4Endpoint } from "../endpoint";

const v4 = v4Endpoint({ tag: "UserProfileHosting", rateLimit: perSecond(100) });
const profileView = z.object({
  userId: z.string(),
  version: z.number().int(),
  userProfile: z.record(z.string(), z.unknown()),
  userExtProfile: z.record(z.string(), z.string()),
});

const setUserProfileEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/user/profile/set",
  operationId: "setUserProfile",
  summary: "Replace a user's hosted profile and/or its ext_ attributes",
  request: z.object({
    userId: z.string(),
    userProfile: z.record(z.string(), z.unknown()).optional(),
    userExtProfile: z.record(z.string(), z.string()).optional(),
  }),
  result: null,
  errors: ["notFound"],
  handle: ({ app, input }) => setUserProfile({ appId: app.id, ...input }),
});

const getUserProfilesEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/user/profile/batch/get",
  operationId: "batchGetUserProfiles",
  summary: "The hosted profiles of up to 100 users",
  request: z.object({ userIds: z.array(z.string()) }),
  result: z.object({ users: z.array(profileView) }),
  errors: ["notFound"],
  handle: ({ app, input }) => getUserProfiles({ appId: app.id, ...input }),
});

const listUserProfilesEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/user/profile/list",
  operationId: "listUserProfiles",
  summary: "A page of hosted profiles by last change (order 0 oldest first, 1 newest first)",
  request: z.object({ page: z.number().int().optional(), pageSize: z.number().int().optional(), order: z.number().int().optional() }),
  result: z.object({ users: z.array(profileView) }),
  errors: [],
  handle: ({ app, input }) => listUserProfiles({ appId: app.id, ...input }),
});

const deleteUserProfilesEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/user/profile/delete",
  operationId: "deleteUserProfiles",
  summary: "Clear the hosted profiles of users",
  request: z.object({ userIds: z.array(z.string()) }),
  result: null,
  errors: [],
  handle: ({ app, input }) => deleteUserProfiles({ appId: app.id, ...input }),
});

const setUserTagsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/user/tag/batch/set",
  operationId: "batchSetUserTags",
  summary: "Give users exactly these tags (an empty list clears them)",
  tag: "UserManagement",
  request: z.object({ userIds: z.array(z.string()), tags: z.array(z.string()) }),
  result: null,
  rateLimit: perSecond(10),
  errors: ["notFound"],
  handle: ({ app, input }) => setUserTags({ appId: app.id, ...input }),
});

const getUserTagsEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/user/tag/batch/get",
  operationId: "batchGetUserTags",
  summary: "The tags of users",
  tag: "UserManagement",
  request: z.object({ userIds: z.array(z.string()) }),
  result: z.object({ users: z.array(z.object({ userId: z.string(), tags: z.array(z.string()) })) }),
  errors: ["notFound"],
  handle: ({ app, input }) => getUserTags({ appId: app.id, ...input }),
});

export const profileEndpoints = [
  setUserProfileEndpoint,
  getUserProfilesEndpoint,
  listUserProfilesEndpoint,
  deleteUserProfilesEndpoint,
  setUserTagsEndpoint,
  getUserTagsEndpoint,
];
