import { enqueueWebhookEvent } from "./webhooks/enqueue-webhook-event";

/** Domain events of the chat core, for the app's webhooks. */
export type ChatEvent =
  | { type: "group_channel:changed"; channelId: string; operation: string; operatorUserId: string }
  | { type: "open_channel:changed"; channelId: string; operation: "created" | "destroyed" | "joined" | "left"; userIds?: string[]; reason?: string }
  | { type: "friendship:changed"; userId: string; operation: "requested" | "added" | "removed"; friendIds: string[] };

/**
 * Announces a domain event to the app's webhook endpoints that take its type: durable
 * in the outbox once this resolves, delivered in order per channel (per user for friendships).
 */
export async function emitChatEvent(appId: string, event: ChatEvent): Promise<void> {
  const { type, ...data } = event;
  const subject = "channelId" in event ? event.channelId : event.userId;
  await enqueueWebhookEvent({ appId, type, orderKey: `${type}:${subject}`, data: { ...data, time: Date.now() } });
}
