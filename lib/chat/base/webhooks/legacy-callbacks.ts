import type { ChannelTypeNumber } from "../../../contract";
import { ChannelType } from "../channels/channel-types";
import type { ConnectionStatusEvent, MessageSendEvent } from "./webhook-events";

/**
 * The older API's callbacks, for receivers built for it: online status as a JSON array
 * of `{userid, status, os, time, clientIp, sessionId}`, message routing as a form post.
 */

/** The older API's names of client platforms; it told iOS from Android, our clients name a category. */
const legacyOs: Record<string, string> = { mobile: "Mobile", web: "Websocket", desktop: "PC", miniProgram: "MiniProgram" };
export const legacyOsOf = (platform: string | undefined) => (platform === undefined ? "Server" : (legacyOs[platform] ?? platform));

/** The older API's conversation type names. */
const legacyChannelTypes: Partial<Record<ChannelTypeNumber, string>> = {
  [ChannelType.direct]: "PERSON",
  [ChannelType.group]: "GROUP",
  [ChannelType.open]: "TEMPGROUP",
  [ChannelType.temporary]: "CUSTOMERSERVICE",
  [ChannelType.system]: "NOTIFY",
  [ChannelType.service]: "MC",
  [ChannelType.community]: "ULTRAGROUP",
};
export const legacyChannelTypeOf = (channelType: ChannelTypeNumber) => legacyChannelTypes[channelType] ?? String(channelType);

type Formatted = { contentType: string; body: string };

export function legacyConnectionStatus(event: ConnectionStatusEvent): Formatted {
  const entry = { userid: event.userId, status: event.status, os: legacyOsOf(event.os), time: event.time, clientIp: event.clientIp, sessionId: event.sessionId };
  return { contentType: "application/json", body: JSON.stringify([entry]) };
}

export function legacyMessageRouting(event: MessageSendEvent): Formatted {
  const form = new URLSearchParams({
    fromUserId: event.fromUserId,
    toUserId: event.channelId,
    objectName: event.messageType,
    content: event.content,
    channelType: legacyChannelTypeOf(event.channelType),
    msgTimestamp: String(event.sentAt),
    msgUID: event.messageId,
    // 0: clean, 2: profanity replaced (blocked messages are never routed).
    sensitiveType: event.profanityReplaced ? "2" : "0",
    source: legacyOsOf(event.os),
    groupUserIds: (event.toUserIds ?? []).join(","),
    busChannel: event.subchannelId ?? "",
  });
  return { contentType: "application/x-www-form-urlencoded", body: form.toString() };
}
