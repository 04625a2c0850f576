import { z } from "zod";
import type { ChannelTypeNumber, WebhookStyle } from "../../../contract";

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

/**
 * How an endpoint wants its events: v4 envelopes, or the older API's callbacks (online
 * status as a JSON array, message routing as a form) for receivers built for that API.
 */
export const webhookStyles = ["v4", "legacy"] as const satisfies readonly WebhookStyle[];
export const webhookStyleSchema = z.enum(webhookStyles, { error: `style is ${webhookStyles.join(" or ")}` });

/** user:connection_status: status "0" connected, "1" disconnected (kicks included), "2" signed out; `os` is the platform. */
export type ConnectionStatusEvent = { userId: string; status: "0" | "1" | "2"; os: string; time: number; clientIp: string; sessionId: string };

/** message:send (message routing): the stored message as routed. */
export type MessageSendEvent = {
  fromUserId: string;
  messageId: string;
  channelType: ChannelTypeNumber;
  channelId: string;
  subchannelId?: string;
  seq?: number;
  sentAt: number;
  updatedAt: number;
  messageType: string;
  /** JSON text. */
  content: string;
  clientMessageId?: string;
  needReadReceipt?: true;
  toUserIds?: string[];
  /** A service channel message between one subscriber and the app (what a subscriber sends to it is private). */
  private?: true;
  profanityReplaced: boolean;
  source: "client" | "server";
  /** The sender's client platform; absent for the app server's sends. */
  os?: string;
};
