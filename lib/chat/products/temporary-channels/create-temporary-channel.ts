import { randomBytes } from "node:crypto";
import type { TemporaryChannel } from "../../../contract";
import { db } from "../../../db/client";
import { ChannelType } from "../../base/channels/channel-types";
import { ChatError } from "../../base/errors";
import { findUsersOrThrow } from "../../base/users/find-users";
import { checkUserId } from "../../base/users/user-id";
import { checkTtlSeconds, maxTemporaryMembers, minTemporaryMembers } from "./temporary-channel-rules";

/**
 * Creates a temporary conversation of `memberIds` (and `creatorId`, a client creating it),
 * fixed for its whole life, which ends `ttlSeconds` from now. Every member must exist.
 * Its id is generated: `tmp_` and 16 random characters.
 */
export async function createTemporaryChannel(input: { appId: string; memberIds: string[]; ttlSeconds?: number; creatorId?: string }): Promise<TemporaryChannel> {
  const memberIds = checkMembers(input.memberIds, input.creatorId);
  const ttlSeconds = checkTtlSeconds(input.ttlSeconds);
  await findUsersOrThrow({ appId: input.appId, userIds: memberIds });
  const channel = await db.channel.create({
    data: {
      appId: input.appId,
      type: ChannelType.temporary,
      channelId: `tmp_${randomBytes(12).toString("base64url")}`,
      expiresAt: new Date(Date.now() + ttlSeconds * 1000),
      members: { create: memberIds.map((userId) => ({ appId: input.appId, userId })) },
    },
    select: { channelId: true, expiresAt: true },
  });
  return { channelId: channel.channelId, memberIds: [...memberIds].sort(), expiresAt: channel.expiresAt!.getTime() };
}

function checkMembers(memberIds: string[], creatorId?: string): string[] {
  const members = [...new Set([...(creatorId === undefined ? [] : [creatorId]), ...memberIds.map((userId) => checkUserId(userId, "memberIds"))])];
  if (members.length < minTemporaryMembers || members.length > maxTemporaryMembers) {
    const counted = creatorId === undefined ? "" : ", you included";
    throw new ChatError("invalidParameter", `A temporary conversation has ${minTemporaryMembers} to ${maxTemporaryMembers} members${counted}; memberIds names ${members.length}`);
  }
  return members;
}
