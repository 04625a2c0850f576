import type { TemporaryChannel } from "../../../contract";
import { ChatError } from "../../base/errors";
import { getTemporaryChannelOrThrow } from "./temporary-channel-rules";

/** A temporary conversation's members and when it expires; `userId` (a client asking) must be one of them. */
export async function findTemporaryChannelMembers(input: { appId: string; channelId: string; userId?: string }): Promise<TemporaryChannel> {
  const channel = await getTemporaryChannelOrThrow(input);
  if (input.userId !== undefined && !channel.memberIds.includes(input.userId)) {
    throw new ChatError("notMember", `${input.userId} is not a member of temporary conversation ${channel.channelId}`);
  }
  return { channelId: channel.channelId, memberIds: channel.memberIds, expiresAt: channel.expiresAt.getTime() };
}
