import { z } from "zod";

/** The event types an app's webhook endpoints can take. */
export const webhookEventTypes = [
  "message:send",
  "user:connection_status",
  "group_channel:changed",
  "open_channel:changed",
  "friendship:changed",
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];
export const webhookEventTypeSchema = z.enum(webhookEventTypes, { error: `event types are ${webhookEventTypes.join(", ")}` });

/** The body of every webhook request: data usually holds one event, several when batched. */
export type WebhookEnvelope = { type: WebhookEventType; id: string; time: number; data: unknown[] };
