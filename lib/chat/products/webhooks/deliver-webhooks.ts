import { db } from "../../../db/client";
import { metrics } from "../../../metrics";
import { countUsage } from "../../base/analytics/usage-counts";
import { getAppSettings } from "../../base/apps/app-settings";
import { signCallbackUrl } from "../../base/apps/app-signature";

/** Deliveries one pass of a node takes on. */
const batchSize = 500;
/**
 * Order keys a pass delivers at once: a receiver that answers in 300 ms still gets about
 * 400 a second (32 kept a PostgreSQL node behind 70 events a second in the soak).
 */
const concurrentKeys = 128;
/** How long a node holds a delivery it took; after that another node may try it. */
const leaseMs = 30_000;
const requestTimeoutMs = 10_000;
const maxBackoffMs = 10 * 60_000;
const excerptLength = 500;

/**
 * One pass of the delivery worker (every node runs it, see server.ts): takes due
 * deliveries whose earlier ones of the same order key are done, leases each so no other
 * node sends it meanwhile, posts it signed, and records the attempt. The deliveries of an
 * order key go one after the other, stopping at a failure; different keys go at once.
 * Failures are retried with doubling pauses until the app's retry period is over.
 */
export async function deliverDueWebhooks(now = Date.now()): Promise<void> {
  const due = await db.webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: new Date(now) }, OR: [{ leasedUntil: null }, { leasedUntil: { lt: new Date(now) } }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: batchSize,
  });
  const byOrderKey = new Map<string, Delivery[]>();
  for (const delivery of due) {
    const key = `${delivery.endpointUrl}\n${delivery.orderKey}`;
    const chain = byOrderKey.get(key);
    if (chain) chain.push(delivery);
    else byOrderKey.set(key, [delivery]);
  }
  const passStarted = Date.now();
  await inParallel([...byOrderKey.values()], concurrentKeys, async (chain) => {
    // Only the chain's first can have an earlier delivery pending: each next one follows a delivered one.
    if (!(await isNextInOrder(chain[0]!))) return;
    for (const delivery of chain) {
      const leasedAt = now + (Date.now() - passStarted);
      if (!(await lease(delivery.id, leasedAt)) || !(await attempt(delivery))) return;
    }
  });
}

/** Runs `work` on every item, at most `limit` at a time. */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

type Delivery = Awaited<ReturnType<typeof db.webhookDelivery.findMany>>[number];

/** Deliveries of one order key go one after the other: an earlier one still pending holds the rest back. */
async function isNextInOrder(delivery: Delivery): Promise<boolean> {
  const earlier = await db.webhookDelivery.count({
    where: {
      endpointUrl: delivery.endpointUrl,
      orderKey: delivery.orderKey,
      status: "pending",
      OR: [{ createdAt: { lt: delivery.createdAt } }, { createdAt: delivery.createdAt, id: { lt: delivery.id } }],
    },
  });
  return earlier === 0;
}

/** Takes a delivery for this node; false when another node took it first. */
async function lease(id: string, now: number): Promise<boolean> {
  const taken = await db.webhookDelivery.updateMany({
    where: { id, status: "pending", OR: [{ leasedUntil: null }, { leasedUntil: { lt: new Date(now) } }] },
    data: { leasedUntil: new Date(now + leaseMs) },
  });
  return taken.count === 1;
}

/** Posts one delivery and records the attempt: whether the receiver took it. */
async function attempt(delivery: Delivery): Promise<boolean> {
  const app = await db.app.findUnique({ where: { id: delivery.appId }, select: { key: true, secret: true } });
  if (!app) return false;
  const started = Date.now();
  const outcome = await post(signCallbackUrl(delivery.endpointUrl, app), delivery);
  const latencyMs = Date.now() - started;
  metrics.webhookSeconds.observe(latencyMs / 1000);
  const succeeded = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
  const attempts = delivery.attempts + 1;
  const { webhookRetryHours } = await getAppSettings(delivery.appId);
  const retryUntil = delivery.createdAt.getTime() + webhookRetryHours * 3_600_000;
  const nextAttemptAt = new Date(Date.now() + Math.min(1000 * 2 ** attempts, maxBackoffMs));
  const gaveUp = !succeeded && nextAttemptAt.getTime() > retryUntil;
  await db.$transaction([
    db.webhookAttempt.create({ data: { deliveryId: delivery.id, statusCode: outcome.statusCode, latencyMs, error: outcome.error, responseExcerpt: outcome.excerpt } }),
    db.webhookDelivery.update({
      where: { id: delivery.id },
      data: succeeded
        ? { status: "delivered", attempts, deliveredAt: new Date(), leasedUntil: null }
        : { status: gaveUp ? "failed" : "pending", attempts, nextAttemptAt, leasedUntil: null },
    }),
  ]);
  countUsage(delivery.appId, succeeded ? "webhooks.delivered" : "webhooks.attemptFailed");
  if (gaveUp) countUsage(delivery.appId, "webhooks.gaveUp");
  return succeeded;
}

/** One signed POST to an endpoint: the answer's status and start, or why none came. */
export async function post(url: string, request: { contentType: string; body: string }): Promise<{ statusCode: number | null; error: string | null; excerpt: string | null }> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": request.contentType },
      body: request.body,
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    return { statusCode: response.status, error: null, excerpt: (await response.text()).slice(0, excerptLength) };
  } catch (error) {
    return { statusCode: null, error: error instanceof Error ? error.message : String(error), excerpt: null };
  }
}

/** Events waiting in the outbox, every node's. */
export function countPendingWebhooks(): Promise<number> {
  return db.webhookDelivery.count({ where: { status: "pending" } });
}

/** Days the outbox keeps delivered and failed events, with their attempts, for the delivery log. */
export const webhookLogDays = 7;

/** Deletes outbox rows past the delivery log's days (every node runs it; deletes are idempotent). */
export async function pruneWebhookDeliveries(now = Date.now()): Promise<void> {
  await db.webhookDelivery.deleteMany({ where: { status: { in: ["delivered", "failed"] }, createdAt: { lt: new Date(now - webhookLogDays * 86_400_000) } } });
}
