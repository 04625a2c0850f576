import { enqueueWebhookEvent } from "./webhooks/enqueue-webhook-event";

/** Domain events of the chat core, for the app's webhooks. */
export type ChatEvent =
  | { type: "group_channel:changed"; channelId: string; operation: string; operatorUserId: string }
  | { type: "open_channel:changed"; channelId: string; operation: "created" | "destroyed" | "joined" | "left"; userIds?: string[]; reason?: string };

/**
 * Announces a domain event to the app's webhook endpoints that take its type: durable
 * in the outbox once this resolves, delivered in order per channel.
 */
export async function emitChatEvent(appId: string, event: ChatEvent): Promise<void> {
  const { type, ...data } = event;
  await enqueueWebhookEvent({ appId, type, orderKey: `${type}:${event.channelId}`, data: { ...data, time: Date.now() } });
}
