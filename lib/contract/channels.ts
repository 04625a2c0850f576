/** The channel kinds the console manages, by the name its pages use. */
export type ChannelKind = "groups" | "open-channels" | "communities";

/** A channel in the console's list; createdAt an ISO string. */
export type ChannelSummary = { channelId: string; name: string | null; frozen: boolean; lastSeq: number; createdAt: string; memberCount: number };

/** A page of the console's channel list, by id; `nextCursor` asks for the next. */
export type ChannelPage = { channels: ChannelSummary[]; nextCursor: string | null };

/** One channel as the console shows it: members (an open channel's participants, role 0), mutes and bans in force, a community's subchannels. */
export type ChannelOverview = ChannelSummary & {
  /** The group's owner, or the community's creator. */
  ownerId: string | null;
  /** `since`: when a participant joined an open channel (null for members of other kinds). */
  members: { userId: string; role: number; mutedUntil: string | null; since: string | null }[];
  userRules: { userId: string; kind: string; expiresAt: string | null }[];
  /** `channelId` is the subchannel's stored id, `<communityId>/<subchannelId>`. */
  subchannels: { channelId: string; subchannelId: string; isPrivate: boolean; lastSeq: number }[];
};

/** A group's custom attributes: each key with its value, who changed it last ("" for the app server) and when (Unix ms). */
export type GroupAttributes = { attributes: Record<string, { value: string; updatedBy: string; updatedAt: number }> };
