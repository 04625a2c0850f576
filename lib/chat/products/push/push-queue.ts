import { describeError, log } from "../../../log";
import { countUsage } from "../../base/analytics/usage-counts";
import { type PushJob, pushToOfflineRecipients } from "./offline-push";

/** Jobs waiting beyond this are dropped (and counted): a push backlog must not eat the node's memory. */
const maxWaitingJobs = 10_000;
const concurrentJobs = 4;

type Queue = { waiting: PushJob[]; running: number };
// On globalThis: messages sent from Next's route handlers queue here too, and server.ts drains it at shutdown.
const key = Symbol.for("switchboard.pushQueue");
const globals = globalThis as typeof globalThis & { [key]?: Queue };
const queue: Queue = (globals[key] ??= { waiting: [], running: 0 });

/** Queues the offline push of a message; the sender's acknowledgement does not wait for it. */
export function queueOfflinePush(job: PushJob): void {
  if (queue.waiting.length >= maxWaitingJobs) {
    countUsage(job.appId, "push.queueFull");
    return;
  }
  queue.waiting.push(job);
  startWaitingJobs();
}

function startWaitingJobs() {
  while (queue.running < concurrentJobs && queue.waiting.length > 0) {
    const job = queue.waiting.shift()!;
    queue.running++;
    pushToOfflineRecipients(job)
      .catch((error: unknown) => log.warn("offline push failed", { appId: job.appId, messageId: job.message.messageId, ...describeError(error) }))
      .finally(() => {
        queue.running--;
        startWaitingJobs();
      });
  }
}

/** Pushes waiting on this node. */
export function pushQueueDepth(): number {
  return queue.waiting.length;
}

/** Waits (at most `timeoutMs`) for queued pushes to go out: server shutdown. */
export async function drainPushQueue(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((queue.running > 0 || queue.waiting.length > 0) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}
