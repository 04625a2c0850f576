import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { ChannelTypeNumber } from "../../../contract";
import { db } from "../../../db/client";
import { describeError, log } from "../../../log";
import type { AppSettings, PreMessagingEvent } from "../../base/apps/app-settings";
import { signCallbackUrl } from "../../base/apps/app-signature";
import { ChannelType } from "../../base/channels/channel-types";
import { ChatError, parseJsonInput } from "../../base/errors";
import { checkMessage } from "../../base/messages/check-message";
import { legacyChannelTypeOf, legacyOsOf } from "../../base/webhooks/legacy-callbacks";
import type { MessageKind } from "../../base/messages/message-kinds";
import type { SendMessageInput } from "../../base/messages/message-target";

const events: Partial<Record<ChannelTypeNumber, PreMessagingEvent>> = {
  [ChannelType.direct]: "direct_channel:pre_messaging",
  [ChannelType.group]: "group_channel:pre_messaging",
  [ChannelType.open]: "open_channel:pre_messaging",
  [ChannelType.community]: "community_channel:pre_messaging",
};

/** The first request and up to 2 retries, all within the app's timeout. */
const maxAttempts = 3;

const pass = z.union([z.literal(0), z.literal(1), z.literal(2)]);

/**
 * The hook's answer: `pass` 0 refuses, 1 and 2 deliver; a content (JSON text) replaces the
 * message's, a push content the text of its offline push. Read as the v4 or the older style names them.
 */
const verdictSchemas = {
  v4: z.object({ pass, extra: z.string().optional(), content: z.string().optional(), pushContent: z.string().optional() }),
  legacy: z
    .object({ pass, extra: z.string().optional(), replaceContent: z.string().optional(), replacePushContent: z.string().optional() })
    .transform(({ replaceContent, replacePushContent, ...verdict }) => ({ ...verdict, content: replaceContent, pushContent: replacePushContent })),
};

/** What the hook let through: the content to store, and the push text when the hook replaced it. */
export type HookOutcome = { content: Record<string, unknown>; pushContent?: string };

type HookInput = Pick<SendMessageInput, "appId" | "senderId" | "target" | "messageType" | "byServer" | "push" | "senderSession"> & {
  settings: AppSettings;
  kind: MessageKind;
  messageId: string;
  /** The conversation: the recipient for direct messages, else the group, open channel or community. */
  channelId: string;
  content: Record<string, unknown>;
};

/**
 * Asks the app's pre-delivery hook (settings `preMessagingHook…`) about a client's message
 * before it is stored: a signed POST of the `<channel>:pre_messaging` event (or, in the older
 * style, of the message callback), answered with a verdict. Returns the content to deliver
 * and the push text, the hook's replacements when it gave them; throws `messageRejected`
 * (the hook's `extra` as message) when refused. A hook that cannot be reached or answers
 * nonsense refuses too, unless the app chose to deliver then.
 */
export async function checkPreDeliveryHook(input: HookInput): Promise<HookOutcome> {
  const event = hookedEvent(input);
  if (!event) return { content: input.content };
  let verdict: Awaited<ReturnType<typeof askHook>>;
  try {
    verdict = await askHook(input, event);
  } catch (error) {
    log.warn("pre-delivery hook failed", { appId: input.appId, event, messageId: input.messageId, ...describeError(error) });
    if (input.settings.preMessagingHookOnFailure === "deliver") return { content: input.content };
    throw new ChatError("messageRejected", "The app's message check could not be reached; the message was not sent");
  }
  if (verdict.pass === 0) throw new ChatError("messageRejected", verdict.extra || "The app's message check refused the message");
  return { content: verdict.content ?? input.content, ...(verdict.pushContent !== undefined && { pushContent: verdict.pushContent }) };
}

/**
 * The app server's own sends are its decision already, and status messages (never stored,
 * e.g. typing) are not worth a round trip; system channels have no hook event.
 */
function hookedEvent(input: HookInput): PreMessagingEvent | undefined {
  if (!input.settings.preMessagingHookUrl || input.byServer || !input.kind.persisted) return undefined;
  const event = events[input.target.channelType];
  return event && input.settings.preMessagingHookEvents.includes(event) ? event : undefined;
}

async function askHook(input: HookInput, event: PreMessagingEvent) {
  // Read per call rather than cached: the signature must follow a secret rotation at once.
  const app = await db.app.findUniqueOrThrow({ where: { id: input.appId }, select: { key: true, secret: true } });
  const style = input.settings.preMessagingHookStyle;
  const response = await postWithRetries({
    url: input.settings.preMessagingHookUrl,
    app,
    body: JSON.stringify(style === "v4" ? { type: event, id: randomUUID(), time: Date.now(), data: [hookedMessage(input)] } : legacyMessageCallback(input)),
    signal: AbortSignal.timeout(input.settings.preMessagingHookTimeoutMs),
  });
  if (!response.ok) throw new Error(`the hook answered HTTP ${response.status}`);
  const answer = parseJsonInput(await response.text(), "The hook's answer", () => new Error("the hook's answer is not JSON"));
  const verdict = verdictSchemas[style].parse(answer);
  // A replacement obeys the rules of what senders submit.
  const content = verdict.content === undefined ? undefined : checkMessage({ messageType: input.messageType, content: verdict.content });
  return { ...verdict, content };
}

async function postWithRetries(request: { url: string; app: { key: string; secret: string }; body: string; signal: AbortSignal }): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const last = attempt === maxAttempts;
    try {
      const response = await fetch(signCallbackUrl(request.url, request.app), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: request.body,
        signal: request.signal,
      });
      if (response.status < 500 || last) return response;
      await response.body?.cancel();
    } catch (error) {
      // A timeout ends the wait; a refused or broken connection is worth another try.
      if (last || request.signal.aborted) throw error;
    }
  }
}

/** The older API's message callback: the message in that API's names. */
function legacyMessageCallback(input: HookInput) {
  const { target } = input;
  return {
    fromUserId: input.senderId,
    targetId: input.channelId,
    toUserIds: "toUserIds" in target && target.toUserIds ? target.toUserIds : [],
    msgType: input.messageType,
    content: JSON.stringify(input.content),
    pushContent: input.push?.content ?? "",
    disablePush: input.push?.disabled ?? false,
    pushExt: "",
    channelType: legacyChannelTypeOf(target.channelType),
    msgTimeStamp: Date.now(),
    messageId: input.messageId,
    os: legacyOsOf(input.senderSession?.platform),
    busChannel: target.channelType === ChannelType.community ? (target.subchannelId ?? "") : "",
  };
}

/** The message as the hook sees it, shaped like the message routing callbacks. */
function hookedMessage(input: HookInput) {
  const { target } = input;
  return {
    fromUserId: input.senderId,
    channelType: target.channelType,
    channelId: input.channelId,
    ...(target.channelType === ChannelType.community && target.subchannelId !== undefined && { subchannelId: target.subchannelId }),
    ...("toUserIds" in target && target.toUserIds && { toUserIds: target.toUserIds }),
    messageType: input.messageType,
    content: JSON.stringify(input.content),
    messageId: input.messageId,
    sentAt: Date.now(),
  };
}
