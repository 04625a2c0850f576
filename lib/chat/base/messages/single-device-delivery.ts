import { db } from "../../../db/client";
import { describeError, log } from "../../../log";

/**
 * Without multi-device sync a message reaches one device only. Messages delivered live
 * leave no trace, so the gateway records when they must have been: up to the moment a
 * user's session closes, or another of their devices connects while one is online.
 * Syncs then start after it (see sync-messages.ts).
 */
export async function recordLiveDelivery(input: { appId: string; userId: string; until: Date }): Promise<void> {
  await db.user
    .updateMany({
      where: { appId: input.appId, id: input.userId, OR: [{ deliveredUntil: null }, { deliveredUntil: { lt: input.until } }] },
      data: { deliveredUntil: input.until },
    })
    .catch((error) => log.warn("recording live delivery failed", describeError(error)));
}
