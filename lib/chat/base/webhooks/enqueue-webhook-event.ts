import { randomUUID } from "node:crypto";
import type { WebhookStyle } from "../../../contract";
import { db } from "../../../db/client";
import { type AppSettings, getAppSettings } from "../apps/app-settings";
import { legacyConnectionStatus, legacyMessageRouting } from "./legacy-callbacks";
import type { ConnectionStatusEvent, MessageSendEvent, WebhookEnvelope, WebhookEventType } from "./webhook-events";

/** An event for the app's webhook endpoints; deliveries with the same `orderKey` keep their order. */
export type WebhookEvent = { appId: string; orderKey: string } & (
  | { type: "user:connection_status"; data: ConnectionStatusEvent }
  | { type: "message:send"; data: MessageSendEvent }
  | { type: Exclude<WebhookEventType, "user:connection_status" | "message:send">; data: Record<string, unknown> }
);

/** An outbox row as written: status pending, no attempts yet, due at once. */
export type WebhookDeliveryRow = {
  id: string;
  appId: string;
  endpointUrl: string;
  eventType: string;
  orderKey: string;
  contentType: string;
  body: string;
  createdAt: Date;
};

/**
 * Puts an event in the outbox of every endpoint of the app that takes its type; the
 * delivery worker of some node sends it. Resolves once it is durable.
 */
export async function enqueueWebhookEvent(event: WebhookEvent): Promise<void> {
  const { webhookEndpoints } = await getAppSettings(event.appId);
  const rows = webhookDeliveryRows(webhookEndpoints, event);
  if (rows.length > 0) await db.webhookDelivery.createMany({ data: rows });
}

/**
 * The outbox rows of an event: one per endpoint that takes it, in the endpoint's style.
 * Older-style endpoints take only the events the older API had (online status, message routing).
 */
export function webhookDeliveryRows(endpoints: AppSettings["webhookEndpoints"], event: WebhookEvent): WebhookDeliveryRow[] {
  const time = nextOutboxTime();
  return endpoints.flatMap((endpoint) => {
    if (endpoint.events.length > 0 && !endpoint.events.includes(event.type)) return [];
    const id = randomUUID();
    const formatted = formatEvent(endpoint.style, event, id, time);
    if (!formatted) return [];
    return [{ id, appId: event.appId, endpointUrl: endpoint.url, eventType: event.type, orderKey: event.orderKey, ...formatted, createdAt: new Date(time) }];
  });
}

function formatEvent(style: WebhookStyle, event: WebhookEvent, id: string, time: number): { contentType: string; body: string } | null {
  if (style === "v4") {
    const envelope: WebhookEnvelope = { type: event.type, id, time, data: [event.data] };
    return { contentType: "application/json", body: JSON.stringify(envelope) };
  }
  if (event.type === "user:connection_status") return legacyConnectionStatus(event.data);
  if (event.type === "message:send") return legacyMessageRouting(event.data);
  return null;
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
