/** A user in the console's search; times as ISO strings, bannedUntil only while the ban lasts. */
export type UserSummary = { userId: string; name: string; avatarUrl: string; createdAt: string; bannedUntil: string | null; deleted: boolean };

/** A page of the console's user search, by id; `nextCursor` asks for the next. */
export type UserPage = { users: UserSummary[]; nextCursor: string | null };

/** The console's users list: a page, and for a development app how many more users it may register (null for production apps). */
export type ConsoleUserPage = UserPage & { usersLeft: number | null };

/** A live session of a user, on any node, as presence records it (connectedAt: Unix ms). */
export type UserSession = { platform: string; connectedAt: number; sessionId: string; clientIp: string };

/** Everything the console shows about one user: profile, state, live sessions, relations and channels (each list cut at 100). */
export type UserOverview = {
  userId: string;
  name: string;
  avatarUrl: string;
  createdAt: string;
  bannedUntil: string | null;
  deletedAt: string | null;
  tokensValidAfter: string | null;
  /** The newest first. */
  sessions: UserSession[];
  blocklist: string[];
  friends: string[];
  groups: { channelId: string; name: string | null; role: number }[];
  communities: { channelId: string; name: string | null; role: number }[];
  openChannels: string[];
};

/** What the console does to one user: `/api/console/apps/<appKey>/users/<userId>/<action>`. */
/** `delete` is a soft delete; `delete-for-good` removes a development app's user and frees its quota. */
export type UserAction = "ban" | "unban" | "kick" | "invalidate-tokens" | "delete" | "restore" | "delete-for-good";

/** A user whose ban has not ended yet; a ban without end is stored with the year 9999. */
export type BannedUser = { userId: string; banExpiresAt: string };

/** A page of the users a user blocked (Platform API `/v4/user/blocklist/get`, RPC `blocklist.list`); `pageToken` is empty on the last page. */
export type BlocklistPage = { pageToken: string; blockedUserIds: string[] };

/** Whether a user has another on their blocklist (RPC `blocklist.check`). */
export type BlocklistStatus = { blocked: boolean };

/** An access token the console issued to the signed-in operator for one of the app's users (the chat playground). */
export type IssuedToken = { userId: string; name: string; accessToken: string };
