import { randomUUID } from "node:crypto";
import { db } from "../../db/client";
import { getAppSettings } from "../apps/app-settings";
import type { WebhookEnvelope, WebhookEventType } from "./webhook-events";

/**
 * Puts an event in the outbox of every endpoint of the app that takes its type; the
 * delivery worker of some node sends it. Resolves once it is durable.
 */
export async function enqueueWebhookEvent(input: { appId: string; type: WebhookEventType; orderKey: string; data: unknown }): Promise<void> {
  const { webhookEndpoints } = await getAppSettings(input.appId);
  const endpoints = webhookEndpoints.filter((endpoint) => endpoint.events.length === 0 || endpoint.events.includes(input.type));
  if (endpoints.length === 0) return;
  const time = nextOutboxTime();
  await db.webhookDelivery.createMany({
    data: endpoints.map((endpoint) => {
      const id = randomUUID();
      const envelope: WebhookEnvelope = { type: input.type, id, time, data: [input.data] };
      return { id, appId: input.appId, endpointUrl: endpoint.url, eventType: input.type, orderKey: input.orderKey, body: JSON.stringify(envelope), createdAt: new Date(time) };
    }),
  });
}

let lastTime = 0;

/**
 * Deliveries of one key go out by creation time: this process never stamps two events
 * with the same millisecond, so its events of one channel keep their order.
 */
function nextOutboxTime(): number {
  lastTime = Math.max(Date.now(), lastTime + 1);
  return lastTime;
}
