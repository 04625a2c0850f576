import { log } from "../log";

/** Domain events of the chat core, for the app's webhooks. */
export type ChatEvent = { type: "group_channel:changed"; channelId: string; operation: string; operatorUserId: string };

/**
 * Announces a domain event. The webhooks issue will deliver these to the app's
 * endpoint from here; until then they are logged at debug level.
 */
export function emitChatEvent(appId: string, event: ChatEvent) {
  log.debug("chat event", { appId, ...event });
}
