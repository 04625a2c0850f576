import { db } from "../../../db/client";
import { ChannelType } from "../../base/channels/channel-types";
import { ChatError } from "../../base/errors";
import { checkUserId } from "../../base/users/user-id";

/** Most members of a temporary conversation, its creator included. */
export const maxTemporaryMembers = 10;
/** Fewest members: a conversation takes two. */
export const minTemporaryMembers = 2;
/** A temporary conversation lives from a minute to 7 days; a day unless told. */
export const minTtlSeconds = 60;
export const maxTtlSeconds = 7 * 24 * 60 * 60;
export const defaultTtlSeconds = 24 * 60 * 60;

export function checkTtlSeconds(ttlSeconds: number | undefined): number {
  const ttl = ttlSeconds ?? defaultTtlSeconds;
  if (!Number.isInteger(ttl) || ttl < minTtlSeconds || ttl > maxTtlSeconds) {
    throw new ChatError("invalidParameter", `ttlSeconds must be ${minTtlSeconds} (a minute) to ${maxTtlSeconds} (7 days)`);
  }
  return ttl;
}

const refusals = {
  muted: "Temporary conversations cannot be muted",
  pinned: "Temporary conversations cannot be pinned",
  tagged: "Temporary conversations cannot be tagged",
  attributes: "Temporary conversations have no attributes (pin, tags, do-not-disturb level)",
};

/**
 * Temporary conversations have no attributes: nobody pins, tags or mutes one (do-not-disturb
 * levels included, of the conversation or of its channel type), and they are in nobody's
 * conversation list.
 */
export function checkNotTemporary(channelType: number | string, refused: keyof typeof refusals) {
  if (Number(channelType) === ChannelType.temporary) throw new ChatError("unprocessable", refusals[refused]);
}

/** A temporary conversation that has neither ended nor expired, with its members' ids in order. */
export async function getTemporaryChannelOrThrow(input: { appId: string; channelId: string }) {
  const channelId = checkUserId(input.channelId, "channelId");
  const channel = await db.channel.findFirst({
    where: { appId: input.appId, type: ChannelType.temporary, channelId, expiresAt: { gt: new Date() } },
    select: { id: true, channelId: true, expiresAt: true, members: { select: { userId: true } } },
  });
  if (!channel) throw new ChatError("notFound", `Temporary conversation ${channelId} does not exist: it ended, expired or never was`);
  return { id: channel.id, channelId: channel.channelId, expiresAt: channel.expiresAt!, memberIds: channel.members.map((member) => member.userId).sort() };
}
