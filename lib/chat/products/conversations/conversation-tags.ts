import type { ConversationTag } from "../../../contract";
import { db } from "../../../db/client";
import { ChannelType } from "../../base/channels/channel-types";
import { ChatError } from "../../base/errors";
import { checkNotTemporary } from "../temporary-channels";
import { getUserOrThrow } from "../../base/users/find-users";
import { checkUserId } from "../../base/users/user-id";

/** Most tags a user has, most conversations one call tags, and the longest tag name. */
export const maxUserTags = 20;
export const maxTaggedChannelsPerCall = 100;
export const maxTagNameLength = 32;

type Conversation = { channelType: number; channelId: string };
/** Temporary conversations take no tags. */
const channelTypes: number[] = Object.values(ChannelType).filter((channelType) => channelType !== ChannelType.temporary);

async function checkUser(appId: string, userId: string) {
  await getUserOrThrow({ appId, userId: checkUserId(userId) });
  return userId;
}

/** Tag ids follow the rule of user ids. */
const checkTagId = (tagId: string, field = "tagId") => checkUserId(tagId, field);

/** Adds tags to a user's own tags, or renames the ones they have; a user has at most `maxUserTags`. */
export async function addUserChannelTags(input: { appId: string; userId: string; tags: { tagId: string; tagName: string }[] }): Promise<void> {
  const userId = await checkUser(input.appId, input.userId);
  if (input.tags.length < 1 || input.tags.length > maxUserTags) throw new ChatError("invalidParameter", `tags must hold 1 to ${maxUserTags} tags`);
  for (const tag of input.tags) {
    checkTagId(tag.tagId, "tags.tagId");
    if (tag.tagName.length < 1 || tag.tagName.length > maxTagNameLength) throw new ChatError("invalidParameter", `tagName must be 1 to ${maxTagNameLength} characters`);
  }
  const owner = { appId: input.appId, userId };
  await db.$transaction(async (tx) => {
    const known = new Set((await tx.userChannelTag.findMany({ where: owner, select: { tagId: true } })).map((tag) => tag.tagId));
    const added = new Set(input.tags.map((tag) => tag.tagId).filter((tagId) => !known.has(tagId)));
    if (known.size + added.size > maxUserTags) throw new ChatError("unprocessable", `A user has at most ${maxUserTags} tags; ${userId} has ${known.size}`);
    for (const { tagId, tagName } of input.tags) {
      await tx.userChannelTag.upsert({ where: { appId_userId_tagId: { ...owner, tagId } }, create: { ...owner, tagId, name: tagName }, update: { name: tagName } });
    }
  });
}

/** Deletes a user's tags, and with them the tag from their conversations; unknown ids are ignored. */
export async function removeUserChannelTags(input: { appId: string; userId: string; tagIds: string[] }): Promise<void> {
  const userId = await checkUser(input.appId, input.userId);
  if (input.tagIds.length < 1 || input.tagIds.length > maxUserTags) throw new ChatError("invalidParameter", `tagIds must hold 1 to ${maxUserTags} tag ids`);
  const tagIds = input.tagIds.map((tagId) => checkTagId(tagId, "tagIds"));
  await db.userChannelTag.deleteMany({ where: { appId: input.appId, userId, tagId: { in: tagIds } } });
}

/** A user's tags, the earliest created first. */
export async function findUserChannelTags(input: { appId: string; userId: string }): Promise<{ userId: string; tags: ConversationTag[] }> {
  const userId = await checkUser(input.appId, input.userId);
  const tags = await db.userChannelTag.findMany({ where: { appId: input.appId, userId }, orderBy: [{ createdAt: "asc" }, { tagId: "asc" }] });
  return { userId, tags: tags.map((tag) => ({ tagId: tag.tagId, tagName: tag.name, createdAt: tag.createdAt.getTime() })) };
}

type TagInput = { appId: string; userId: string; tagId: string };

/** The user's tag, which must exist. */
async function getTagOrThrow(input: TagInput) {
  const userId = await checkUser(input.appId, input.userId);
  const tagId = checkTagId(input.tagId);
  const tag = await db.userChannelTag.findUnique({ where: { appId_userId_tagId: { appId: input.appId, userId, tagId } } });
  if (!tag) throw new ChatError("notFound", `${userId} has no tag ${tagId}`);
  return tag;
}

function checkConversations(channels: Conversation[]): Conversation[] {
  if (channels.length < 1 || channels.length > maxTaggedChannelsPerCall) throw new ChatError("invalidParameter", `channels must hold 1 to ${maxTaggedChannelsPerCall} conversations`);
  for (const channel of channels) {
    checkNotTemporary(channel.channelType, "tagged");
    if (!channelTypes.includes(channel.channelType)) throw new ChatError("invalidParameter", `channelType must be one of ${channelTypes.join(", ")}`);
    checkUserId(channel.channelId, "channels.channelId");
  }
  return channels;
}

/**
 * Puts the user's tag on conversations (named as the user names them) or takes it off
 * (`tagged` false); tagging twice, or untagging what is not tagged, changes nothing.
 */
export async function tagConversations(input: TagInput & { channels: Conversation[]; tagged: boolean }): Promise<void> {
  const channels = checkConversations(input.channels);
  const tag = await getTagOrThrow(input);
  const key = { appId: tag.appId, userId: tag.userId, tagId: tag.tagId };
  if (!input.tagged) {
    await db.channelTag.deleteMany({ where: { ...key, OR: channels.map(({ channelType, channelId }) => ({ channelType, channelId })) } });
    return;
  }
  await db.$transaction(
    channels.map(({ channelType, channelId }) =>
      db.channelTag.upsert({ where: { appId_userId_tagId_channelType_channelId: { ...key, channelType, channelId } }, create: { ...key, channelType, channelId }, update: {} }),
    ),
  );
}

/** The conversations that carry a user's tag, the earliest tagged first. */
export async function findTaggedConversations(input: TagInput) {
  const tag = await getTagOrThrow(input);
  const rows = await db.channelTag.findMany({
    where: { appId: tag.appId, userId: tag.userId, tagId: tag.tagId },
    orderBy: [{ createdAt: "asc" }, { channelId: "asc" }],
    select: { channelType: true, channelId: true },
  });
  return { tagId: tag.tagId, channels: rows };
}

/** The tags a user put on one conversation. */
export async function findConversationTags(input: { appId: string; userId: string } & Conversation) {
  const rows = await db.channelTag.findMany({
    where: { appId: input.appId, userId: input.userId, channelType: input.channelType, channelId: input.channelId },
    orderBy: { createdAt: "asc" },
    select: { tag: { select: { tagId: true, name: true } } },
  });
  return rows.map(({ tag }) => ({ tagId: tag.tagId, tagName: tag.name }));
}
