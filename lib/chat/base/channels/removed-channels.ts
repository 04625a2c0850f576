import { db } from "../../../db/client";
import { ChatError } from "../errors";
import { ChannelType } from "./channel-types";

/** What a send to a removed conversation of these kinds is told; a direct or system one simply starts afresh. */
const removedNames = { [ChannelType.group]: "Group", [ChannelType.service]: "Service channel" };
type RemovableChannelType = keyof typeof removedNames;

/**
 * The error for a group or service channel that is not there: removed after the app's
 * inactivity period (its tombstone says so), or never created.
 */
export async function missingChannelError(input: { appId: string; type: RemovableChannelType; channelId: string }): Promise<ChatError> {
  const { appId, type, channelId } = input;
  const tombstone = await db.removedChannel.findUnique({ where: { appId_type_channelId: { appId, type, channelId } } });
  if (!tombstone) return new ChatError("notFound", `${removedNames[type]} ${channelId} does not exist`);
  return new ChatError("channelRemoved", `${removedNames[type]} ${channelId} no longer exists: it was removed on ${tombstone.removedAt.toISOString().slice(0, 10)} after the app's inactivity period`);
}

/** A new conversation under a removed one's id starts afresh: its tombstone goes. */
export async function forgetRemovedChannel(input: { appId: string; type: RemovableChannelType; channelId: string }): Promise<void> {
  await db.removedChannel.deleteMany({ where: input });
}
