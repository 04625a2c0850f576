import { getBus, topics } from "../../../bus";
import { describeError, log } from "../../../log";

/**
 * Tells the nodes holding sessions of these users that they joined or left group
 * channels (by Channel row id), so that live delivery follows membership at once.
 * A node that misses it still delivers correctly after the user reconnects.
 */
export async function announceMembership(input: { appId: string; userIds: string[]; channelKeys: string[]; joined: boolean }) {
  const bus = getBus();
  const message = { type: "membership" as const, channelKeys: input.channelKeys, joined: input.joined };
  await Promise.all(input.userIds.map((userId) => bus.publish(topics.user(input.appId, userId), message))).catch((error) =>
    log.warn("membership announcement failed", describeError(error)),
  );
}
