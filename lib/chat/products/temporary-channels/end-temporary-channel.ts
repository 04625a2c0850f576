import { getBus, topics } from "../../../bus";
import { db } from "../../../db/client";
import { describeError, log } from "../../../log";
import { serializePublication } from "../../base/messages/message-view";
import { getTemporaryChannelOrThrow } from "./temporary-channel-rules";

/** Ends a temporary conversation before it expires: it goes with its members and messages, and its online members are told. */
export async function endTemporaryChannel(input: { appId: string; channelId: string }): Promise<void> {
  const channel = await getTemporaryChannelOrThrow(input);
  await removeTemporaryChannel({ appId: input.appId, channel, reason: "ended" });
}

/**
 * Deletes a temporary conversation (cascading to its members and messages) and tells its
 * online members. `expiredBy`: only if it expired by then, so that of several nodes
 * sweeping at once only the one that deleted it tells the members.
 */
export async function removeTemporaryChannel(input: {
  appId: string;
  channel: { id: string; channelId: string; memberIds: string[] };
  reason: "ended" | "expired";
  expiredBy?: Date;
}): Promise<void> {
  const { appId, channel } = input;
  const { count } = await db.channel.deleteMany({ where: { id: channel.id, appId, ...(input.expiredBy && { expiresAt: { lte: input.expiredBy } }) } });
  if (count === 0) return;
  const data = serializePublication({ type: "temporaryChannel.ended", channelId: channel.channelId, reason: input.reason });
  const bus = getBus();
  await Promise.all(channel.memberIds.map((userId) => bus.publish(topics.user(appId, userId), { type: "publication", data }))).catch((error) =>
    log.warn("temporary conversation end not delivered", describeError(error)),
  );
}
