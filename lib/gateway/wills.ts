import { ChatError } from "../chat/base/errors";
import { adoptOrphanedWills, dropWill, endNodeLease, type KeptWill, nodeLeaseMs, renewNodeLease } from "../chat/products/sessions";
import { describeError, log } from "../log";
import { startRepeatingTask } from "../repeating-task";
import { type ClientMessage, sendClientMessage } from "./rpc-methods";

/**
 * Sends a session's will as its user, then forgets it. A refusal (the user since banned, the
 * conversation gone) forgets it too; any other failure keeps it for the next try, and its
 * clientMessageId stores it once however often it is tried.
 */
export async function sendWill(will: KeptWill): Promise<void> {
  try {
    await sendClientMessage({ user: will, sessionId: will.sessionId, platform: will.platform }, JSON.parse(will.message) as ClientMessage);
  } catch (error) {
    if (!(error instanceof ChatError)) throw error;
    log.warn("will message refused", { userId: will.userId, ...describeError(error) });
  }
  await dropWill(will.sessionId);
}

/**
 * Keeps this node's lease while it runs and sends the wills of nodes whose lease ran out:
 * a node killed with its connections leaves their wills to the others.
 */
export function startWillKeeping() {
  const renewAndAdopt = async () => {
    await renewNodeLease();
    for (const will of await adoptOrphanedWills()) {
      await sendWill(will).catch((error) => log.warn("will message not sent", { userId: will.userId, ...describeError(error) }));
    }
  };
  void renewAndAdopt().catch((error) => log.warn("will keeping failed", describeError(error)));
  const task = startRepeatingTask("will keeping", renewAndAdopt, nodeLeaseMs / 4);
  return {
    async stop() {
      await task.stop();
      await endNodeLease();
    },
  };
}
