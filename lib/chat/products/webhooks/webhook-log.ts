import { z } from "zod";
import type { WebhookDelivery } from "../../../contract";
import { db } from "../../../db/client";
import { ChatError, parseInput } from "../../base/errors";

const logQuery = z.object({
  status: z.enum(["pending", "delivered", "failed"], { error: "status is pending, delivered or failed" }).optional(),
  limit: z.number().int().min(1).max(100, "limit is 1 to 100").default(20),
});

/** The delivery log of an app, newest first: each event with every attempt (status, latency, the answer's start). */
export async function findWebhookDeliveries(input: { appId: string; status?: string; limit?: number }): Promise<WebhookDelivery[]> {
  const query = parseInput(logQuery, { status: input.status, limit: input.limit });
  const deliveries = await db.webhookDelivery.findMany({
    where: { appId: input.appId, ...(query.status && { status: query.status }) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit,
    select: {
      id: true,
      endpointUrl: true,
      eventType: true,
      status: true,
      createdAt: true,
      deliveredAt: true,
      nextAttemptAt: true,
      body: true,
      attemptLog: { orderBy: { attemptedAt: "asc" }, select: { attemptedAt: true, statusCode: true, latencyMs: true, error: true, responseExcerpt: true } },
    },
  });
  return deliveries.map((delivery) => ({
    ...delivery,
    // The outbox writes only these three.
    status: delivery.status as WebhookDelivery["status"],
    createdAt: delivery.createdAt.toISOString(),
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    nextAttemptAt: delivery.nextAttemptAt.toISOString(),
    attemptLog: delivery.attemptLog.map((attempt) => ({ ...attempt, attemptedAt: attempt.attemptedAt.toISOString() })),
  }));
}

/**
 * Sends a delivered or failed event again, with the same id (receivers de-duplicate by it),
 * at the worker's next pass. Past the app's retry period it gets this one attempt.
 */
export async function redeliverWebhook(input: { appId: string; deliveryId: string }): Promise<void> {
  const queued = await db.webhookDelivery.updateMany({
    where: { id: input.deliveryId, appId: input.appId, status: { in: ["delivered", "failed"] } },
    data: { status: "pending", nextAttemptAt: new Date(), leasedUntil: null },
  });
  if (queued.count === 1) return;
  const delivery = await db.webhookDelivery.findFirst({ where: { id: input.deliveryId, appId: input.appId }, select: { status: true } });
  if (!delivery) throw new ChatError("notFound", `The app has no webhook delivery ${input.deliveryId}`);
  throw new ChatError("invalidParameter", `Delivery ${input.deliveryId} is still pending: it is being tried already`);
}
