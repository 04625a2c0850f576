import { describeError, log } from "../../../log";
import { countUsage } from "../../base/analytics/usage-counts";
import { type PushJob, pushToOfflineRecipients } from "./offline-push";

/** Tasks waiting beyond this are dropped (and counted): a push backlog must not eat the node's memory. */
const maxWaitingTasks = 10_000;
const concurrentTasks = 4;

/** A push to send: a message's offline recipients, or an app server's audience. */
type PushTask = { appId: string; describe: Record<string, string>; run: () => Promise<void> };
type Queue = { waiting: PushTask[]; running: number };
// On globalThis: messages sent from Next's route handlers queue here too, and server.ts drains it at shutdown.
const key = Symbol.for("switchboard.pushQueue");
const globals = globalThis as typeof globalThis & { [key]?: Queue };
const queue: Queue = (globals[key] ??= { waiting: [], running: 0 });

/** Queues the offline push of a message; the sender's acknowledgement does not wait for it. */
export function queueOfflinePush(job: PushJob): void {
  queuePushTask({ appId: job.appId, describe: { messageId: job.message.messageId }, run: () => pushToOfflineRecipients(job) });
}

export function queuePushTask(task: PushTask): void {
  if (queue.waiting.length >= maxWaitingTasks) {
    countUsage(task.appId, "push.queueFull");
    return;
  }
  queue.waiting.push(task);
  startWaitingTasks();
}

function startWaitingTasks() {
  while (queue.running < concurrentTasks && queue.waiting.length > 0) {
    const task = queue.waiting.shift()!;
    queue.running++;
    task
      .run()
      .catch((error: unknown) => log.warn("push failed", { appId: task.appId, ...task.describe, ...describeError(error) }))
      .finally(() => {
        queue.running--;
        startWaitingTasks();
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
