import { z } from "zod";
import { addToBlocklist, findBlocklist, removeFromBlocklist } from "../../chat/products/blocklists";
import { createGroup, dismissGroup, findGroupMemberIds, joinGroup, leaveGroup, maxLegacyGroupUsersPerCall } from "../../chat/products/groups";
import { addProfanityWords, findProfanityWords, removeProfanityWords } from "../../chat/products/moderation";
import { expireAccessTokens, issueAccessToken } from "../../chat/products/tokens";
import { banUsers, findBannedUsers, findSoftDeletedUsers, getConnectionStatus, getUser, restoreUsers, softDeleteUsers, unbanUsers, updateUser } from "../../chat/products/users";
import { compatibilityEndpoint, defineEndpoint, perSecond } from "../endpoint";
import { formInteger, formList } from "../form-fields";

/**
 * The older form API, over the same core as v4: forms posted to paths ending in .json,
 * a repeated key for a list, and `{"code": 200, ...}` on success.
 */

/** The older API's time format: "2024-05-01 09:30:00" (UTC). */
const legacyTime = (iso: string) => iso.slice(0, 19).replace("T", " ");

const legacyGetTokenEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/user/getToken.json",
  operationId: "legacyGetToken",
  summary: "Register a user and get a token (older API)",
  request: z.object({ userId: z.string(), name: z.string(), portraitUri: z.string().optional() }),
  result: z.object({ userId: z.string(), token: z.string() }),
  rateLimit: perSecond(200),
  errors: ["forbidden", "userLimitReached"],
  handle: async ({ app, input }) => {
    const issued = await issueAccessToken({ app, userId: input.userId, name: input.name, avatarUrl: input.portraitUri });
    return { userId: issued.userId, token: issued.accessToken };
  },
});

const legacyRefreshUserEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/user/refresh.json",
  operationId: "legacyRefreshUser",
  summary: "Change a user's name and/or avatar (older API)",
  request: z.object({ userId: z.string(), name: z.string().optional(), portraitUri: z.string().optional() }),
  result: null,
  rateLimit: perSecond(100),
  errors: ["notFound"],
  handle: ({ app, input }) => updateUser({ appId: app.id, userId: input.userId, name: input.name, avatarUrl: input.portraitUri }),
});

const legacyUserInfoEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/user/info.json",
  operationId: "legacyUserInfo",
  summary: "A user's name, avatar and registration time (older API)",
  request: z.object({ userId: z.string() }),
  result: z.object({ userName: z.string(), userPortrait: z.string(), createTime: z.string() }),
  rateLimit: perSecond(100),
  errors: ["notFound"],
  handle: async ({ app, input }) => {
    const user = await getUser({ appId: app.id, userId: input.userId });
    return { userName: user.name, userPortrait: user.avatarUrl, createTime: legacyTime(user.createdAt) };
  },
});

const legacyCheckOnlineEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/user/checkOnline.json",
  operationId: "legacyCheckOnline",
  summary: 'Whether a user is connected: status "1" or "0" (older API)',
  request: z.object({ userId: z.string() }),
  result: z.object({ status: z.enum(["0", "1"]) }),
  rateLimit: perSecond(100),
  errors: ["notFound"],
  handle: ({ app, input }) => getConnectionStatus({ appId: app.id, userId: input.userId }),
});

const legacyBlockUsersEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/user/block.json",
  operationId: "legacyBlockUsers",
  summary: "Ban users for a number of minutes (older API)",
  request: z.object({ userId: formList, minute: formInteger }),
  result: null,
  rateLimit: perSecond(100),
  errors: ["notFound"],
  handle: ({ app, input }) => banUsers({ appId: app.id, userIds: input.userId, durationMinutes: input.minute }),
});

const legacyUnblockUsersEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/user/unblock.json",
  operationId: "legacyUnblockUsers",
  summary: "Lift bans (older API)",
  request: z.object({ userId: formList }),
  result: null,
  rateLimit: perSecond(100),
  errors: ["notFound"],
  handle: ({ app, input }) => unbanUsers({ appId: app.id, userIds: input.userId }),
});

const legacyBlockedUsersEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/user/block/query.json",
  operationId: "legacyQueryBlockedUsers",
  summary: "Banned users and when their bans end (older API)",
  request: z.object({ page: formInteger.optional(), pageSize: formInteger.optional() }),
  result: z.object({ users: z.array(z.object({ userId: z.string(), blockEndTime: z.string() })) }),
  rateLimit: perSecond(100),
  errors: [],
  handle: async ({ app, input }) => ({
    users: (await findBannedUsers({ appId: app.id, ...input })).map((user) => ({ userId: user.userId, blockEndTime: legacyTime(user.banExpiresAt) })),
  }),
});

const legacyBlacklistAddEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/user/blacklist/add.json",
  operationId: "legacyAddToBlacklist",
  summary: "Add users to a user's blocklist (older API)",
  request: z.object({ userId: z.string(), blackUserId: formList }),
  result: null,
  rateLimit: perSecond(100),
  errors: ["notFound", "unprocessable"],
  handle: ({ app, input }) => addToBlocklist({ appId: app.id, userId: input.userId, targetUserIds: input.blackUserId }),
});

const legacyBlacklistRemoveEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/user/blacklist/remove.json",
  operationId: "legacyRemoveFromBlacklist",
  summary: "Remove users from a user's blocklist (older API)",
  request: z.object({ userId: z.string(), blackUserId: formList }),
  result: null,
  rateLimit: perSecond(100),
  errors: ["notFound"],
  handle: ({ app, input }) => removeFromBlocklist({ appId: app.id, userId: input.userId, blockedUserIds: input.blackUserId }),
});

const legacyBlacklistQueryEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/user/blacklist/query.json",
  operationId: "legacyQueryBlacklist",
  summary: "A user's blocklist, page by page (older API)",
  request: z.object({ userId: z.string(), pageToken: z.string().optional(), size: formInteger.optional() }),
  result: z.object({ users: z.array(z.string()), pageToken: z.string() }),
  rateLimit: perSecond(100),
  errors: ["notFound"],
  handle: async ({ app, input }) => {
    const page = await findBlocklist({ appId: app.id, userId: input.userId, pageToken: input.pageToken, pageSize: input.size });
    return { users: page.blockedUserIds, pageToken: page.pageToken };
  },
});

const legacyExpireTokensEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/user/token/expire.json",
  operationId: "legacyExpireTokens",
  summary: "Invalidate users' tokens issued before a time in Unix ms (older API)",
  request: z.object({ userId: formList, time: formInteger }),
  result: null,
  rateLimit: perSecond(100),
  errors: [],
  handle: ({ app, input }) => expireAccessTokens({ appId: app.id, userIds: input.userId, expiresAt: input.time }),
});

const legacyDeactivateEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/user/deactivate.json",
  operationId: "legacyDeactivateUsers",
  summary: "Soft-delete users (older API)",
  request: z.object({ userId: formList }),
  result: z.object({ operateId: z.string() }),
  rateLimit: { ...perSecond(100), counts: { unit: "users", of: (input) => input.userId.length } },
  errors: ["notFound"],
  handle: async ({ app, input }) => ({ operateId: (await softDeleteUsers({ appId: app.id, userIds: input.userId })).operationId }),
});

const legacyDeactivatedQueryEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/user/deactivate/query.json",
  operationId: "legacyQueryDeactivatedUsers",
  summary: "Soft-deleted user ids (older API)",
  request: z.object({ pageNo: formInteger.optional(), pageSize: formInteger.optional() }),
  result: z.object({ users: z.array(z.string()) }),
  rateLimit: perSecond(100),
  errors: [],
  handle: async ({ app, input }) => ({ users: (await findSoftDeletedUsers({ appId: app.id, page: input.pageNo, pageSize: input.pageSize })).userIds }),
});

const legacyReactivateEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/user/reactivate.json",
  operationId: "legacyReactivateUsers",
  summary: "Restore soft-deleted users (older API)",
  request: z.object({ userId: formList }),
  result: z.object({ operateId: z.string() }),
  rateLimit: { ...perSecond(100), counts: { unit: "users", of: (input) => input.userId.length } },
  errors: ["notFound"],
  handle: async ({ app, input }) => ({ operateId: (await restoreUsers({ appId: app.id, userIds: input.userId })).operationId }),
});

const legacyAddSensitiveWordEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/sensitiveword/add.json",
  operationId: "legacyAddSensitiveWord",
  summary: "Add a word to the profanity filter, replaced by replaceWord or else blocking (older API)",
  request: z.object({ word: z.string(), replaceWord: z.string().optional() }),
  result: null,
  rateLimit: perSecond(100),
  errors: ["unprocessable"],
  handle: async ({ app, input }) => {
    await addProfanityWords({ appId: app.id, words: [{ word: input.word, replacement: input.replaceWord || undefined }] });
  },
});

const legacyListSensitiveWordsEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/sensitiveword/list.json",
  operationId: "legacyListSensitiveWords",
  summary: 'The profanity filter\'s words: type "0" replaced, "1" blocked (default), "2" all (older API)',
  request: z.object({ type: z.string().optional() }),
  result: z.object({ words: z.array(z.object({ type: z.string(), word: z.string(), replaceWord: z.string() })) }),
  rateLimit: perSecond(100),
  errors: [],
  handle: async ({ app, input }) => ({
    words: (await findProfanityWords({ appId: app.id, filterType: input.type })).words.map((entry) => ({
      type: entry.filterType,
      word: entry.word,
      replaceWord: entry.replacement,
    })),
  }),
});

const legacyDeleteSensitiveWordsEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/sensitiveword/batch/delete.json",
  operationId: "legacyDeleteSensitiveWords",
  summary: "Remove words from the profanity filter (older API)",
  request: z.object({ words: formList }),
  result: null,
  rateLimit: perSecond(100),
  errors: [],
  handle: ({ app, input }) => removeProfanityWords({ appId: app.id, words: input.words }),
});

const legacyCreateGroupEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/group/create.json",
  operationId: "legacyCreateGroup",
  summary: "Create a group of up to 1000 users; the first userId becomes its owner (older API)",
  request: z.object({ userId: formList, groupId: z.string(), groupName: z.string() }),
  result: null,
  rateLimit: perSecond(100),
  errors: ["notFound", "conflict"],
  // The older API has no owners; the first user is the one v4 calls must name.
  handle: ({ app, input }) =>
    createGroup({ appId: app.id, channelId: input.groupId, name: input.groupName, owner: input.userId[0]!, userIds: input.userId, maxUserIds: maxLegacyGroupUsersPerCall }),
});

const legacyJoinGroupEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/group/join.json",
  operationId: "legacyJoinGroup",
  summary: "Add up to 1000 users to an existing group (older API; groupName is taken and ignored)",
  request: z.object({ userId: formList, groupId: z.string(), groupName: z.string().optional() }),
  result: null,
  rateLimit: perSecond(100),
  errors: ["notFound", "unprocessable"],
  handle: async ({ app, input }) => {
    await joinGroup({ appId: app.id, channelId: input.groupId, userIds: input.userId, maxUserIds: maxLegacyGroupUsersPerCall });
  },
});

const legacyQuitGroupEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/group/quit.json",
  operationId: "legacyQuitGroup",
  summary: "Remove up to 1000 users from a group (older API)",
  request: z.object({ userId: formList, groupId: z.string() }),
  result: null,
  rateLimit: perSecond(100),
  errors: ["notFound"],
  handle: ({ app, input }) => leaveGroup({ appId: app.id, channelId: input.groupId, userIds: input.userId, maxUserIds: maxLegacyGroupUsersPerCall }),
});

const legacyDismissGroupEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/group/dismiss.json",
  operationId: "legacyDismissGroup",
  summary: "Delete a group (older API; userId, the operator, is taken and not checked)",
  request: z.object({ userId: z.string(), groupId: z.string() }),
  result: null,
  rateLimit: perSecond(100),
  errors: ["notFound"],
  handle: ({ app, input }) => dismissGroup({ appId: app.id, channelId: input.groupId }),
});

const legacyGroupMembersEndpoint = defineEndpoint({
  ...compatibilityEndpoint,
  path: "/group/user/query.json",
  operationId: "legacyQueryGroupMembers",
  summary: "Every member of a group, in the order they joined (older API)",
  request: z.object({ groupId: z.string() }),
  result: z.object({ users: z.array(z.object({ id: z.string() })) }),
  rateLimit: perSecond(100),
  errors: ["notFound"],
  handle: async ({ app, input }) => ({ users: (await findGroupMemberIds({ appId: app.id, channelId: input.groupId })).map((id) => ({ id })) }),
});

export const compatibilityEndpoints = [
  legacyGetTokenEndpoint,
  legacyRefreshUserEndpoint,
  legacyUserInfoEndpoint,
  legacyCheckOnlineEndpoint,
  legacyBlockUsersEndpoint,
  legacyUnblockUsersEndpoint,
  legacyBlockedUsersEndpoint,
  legacyBlacklistAddEndpoint,
  legacyBlacklistRemoveEndpoint,
  legacyBlacklistQueryEndpoint,
  legacyExpireTokensEndpoint,
  legacyDeactivateEndpoint,
  legacyDeactivatedQueryEndpoint,
  legacyReactivateEndpoint,
  legacyAddSensitiveWordEndpoint,
  legacyListSensitiveWordsEndpoint,
  legacyDeleteSensitiveWordsEndpoint,
  legacyCreateGroupEndpoint,
  legacyJoinGroupEndpoint,
  legacyQuitGroupEndpoint,
  legacyDismissGroupEndpoint,
  legacyGroupMembersEndpoint,
];
