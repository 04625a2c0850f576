import type { StreamChunkEvent } from "../../contract";
import { db } from "../../db/client";
import { env } from "../../env";
import { describeError, log } from "../../log";
import { getAppSettings } from "../base/apps/app-settings";
import { ChannelType } from "../base/channels/channel-types";
import { findMemberChannel } from "../base/channels/find-channel";
import { ChatError } from "../base/errors";
import { maxContentBytes } from "../base/messages/check-message";
import { generateMessageId } from "../base/messages/message-id";
import { streamMessageType } from "../base/messages/message-kinds";
import { type SendMessageInput, targetChannelId } from "../base/messages/message-target";
import { serializePublication } from "../base/messages/message-view";
import { requireUsers } from "../base/users/find-users";
import { checkSentMetadata } from "./message-metadata";
import { deliver, sendMessage } from "./send-message";
import { routeMessage } from "./message-routes";

/**
 * Streamed messages: the app server opens a message (an AI model's answer, say) and
 * appends chunks to it, one call each. Every chunk reaches the recipients' online sessions
 * at once; the message is stored once, under the id the first chunk was given, when the
 * last chunk arrives or when no chunk came for SWITCHBOARD_STREAM_TIMEOUT_SECONDS. Offline
 * devices and syncs see only the finished message. The stream under way is kept in the
 * database, so its chunks may reach any node.
 */
const contentTypes = ["text", "markdown", "html"];

export type StreamTarget = Extract<SendMessageInput["target"], { channelType: typeof ChannelType.direct | typeof ChannelType.group }>;

export type StreamChunk = {
  appId: string;
  senderId: string;
  target: StreamTarget;
  messageType: string;
  chunk: {
    content: string;
    seq: number;
    complete: boolean;
    completeReason?: number;
    /** The first chunk's: the content type, and what the finished message carries besides its text. */
    type?: string;
    user?: Record<string, unknown>;
    mentionedInfo?: Record<string, unknown>;
    extra?: Record<string, unknown>;
    /** Absent on the first chunk; every later one names the message the first was given. */
    messageId?: string;
  };
  echoToSender: boolean;
  persist: boolean;
  /** Stored with the finished message (the first chunk's). */
  metadata?: Record<string, string>;
};

/** What the first chunk fixes for the whole stream. */
type StreamOptions = {
  target: StreamTarget;
  contentType: string;
  echoToSender: boolean;
  persist: boolean;
  user?: Record<string, unknown>;
  mentionedInfo?: Record<string, unknown>;
  extra?: Record<string, unknown>;
  metadata?: Record<string, string>;
};

/** Takes one chunk: delivers it live, and stores the message when it is the last. Answers the message's id. */
export async function sendStreamChunk(input: StreamChunk): Promise<{ messageId: string }> {
  if (input.messageType !== streamMessageType) throw new ChatError("invalidParameter", `messageType must be ${streamMessageType} for a streamed message`);
  const { chunk } = input;
  if (!Number.isInteger(chunk.seq) || chunk.seq < 1) throw new ChatError("invalidParameter", "content.seq must be a whole number from 1");
  const stream = chunk.messageId === undefined ? await openStream(input) : await appendChunk(input, chunk.messageId);
  const settings = await getAppSettings(input.appId);
  // Routed at each chunk: a sender who left the group, or was blocked meanwhile, streams no further.
  const send = sendInputOf(input.appId, input.senderId, stream.id, stream.options);
  const route = await routeMessage(send, settings);
  const event: StreamChunkEvent = {
    messageId: stream.id,
    channelType: stream.options.target.channelType,
    channelId: targetChannelId(stream.options.target),
    senderId: input.senderId,
    seq: chunk.seq,
    chunk: chunk.content,
    complete: chunk.complete,
    contentType: stream.options.contentType,
  };
  await deliver(send, settings, route, serializePublication({ type: "stream.chunk", ...event }));
  if (chunk.complete) await finishStream(stream.id, chunk.completeReason);
  return { messageId: stream.id };
}

async function openStream(input: StreamChunk) {
  const { chunk, target } = input;
  if (chunk.seq !== 1) throw new ChatError("invalidParameter", "A stream starts with content.seq 1; later chunks name its content.messageId");
  const contentType = chunk.type ?? "text";
  if (!contentTypes.includes(contentType)) throw new ChatError("invalidParameter", `content.type must be one of ${contentTypes.join(", ")}`);
  const text = chunk.content;
  checkStreamSize(text);
  if (target.channelType === ChannelType.direct) await requireUsers({ appId: input.appId, userIds: [input.senderId, target.recipientId] });
  // The app server speaks in a group through one of its members, as in its plain group sends.
  else await findMemberChannel({ appId: input.appId, userId: input.senderId, channelType: ChannelType.group, channelId: target.groupId });
  const metadata = checkSentMetadata(input.metadata);
  const options: StreamOptions = { target, contentType, echoToSender: input.echoToSender, persist: input.persist, user: chunk.user, mentionedInfo: chunk.mentionedInfo, extra: chunk.extra, metadata };
  const id = generateMessageId();
  // Checked before anything is kept: a sender the channel refuses opens no stream.
  await routeMessage(sendInputOf(input.appId, input.senderId, id, options), await getAppSettings(input.appId));
  await db.messageStream.create({ data: { id, appId: input.appId, senderId: input.senderId, channelType: target.channelType, channelId: targetChannelId(target), options: JSON.stringify(options), text, lastSeq: 1 } });
  return { id, options };
}

/** Appends a later chunk: the next in sequence, of a stream this sender has under way. */
async function appendChunk(input: StreamChunk, messageId: string) {
  const stream = await db.messageStream.findUnique({ where: { id: messageId } });
  if (!stream || stream.appId !== input.appId || stream.senderId !== input.senderId) {
    throw new ChatError("notFound", `No stream of ${input.senderId} is under way with messageId ${messageId}: it finished, timed out, or was never opened`);
  }
  if (input.chunk.seq !== stream.lastSeq + 1) throw new ChatError("invalidParameter", `content.seq must be ${stream.lastSeq + 1}, the next after the last chunk taken`);
  const text = stream.text + input.chunk.content;
  checkStreamSize(text);
  // Another call may have taken this seq meanwhile: only one of them appends.
  const { count } = await db.messageStream.updateMany({ where: { id: messageId, lastSeq: stream.lastSeq }, data: { text, lastSeq: input.chunk.seq, updatedAt: new Date() } });
  if (count === 0) throw new ChatError("conflict", `Chunk ${input.chunk.seq} of ${messageId} was already taken`);
  return { id: messageId, options: JSON.parse(stream.options) as StreamOptions };
}

function checkStreamSize(text: string) {
  if (Buffer.byteLength(text) > maxContentBytes) throw new ChatError("payloadTooLarge", `A streamed message holds at most ${maxContentBytes / 1024} KB across its chunks`);
}

/**
 * Stores the message as its chunks made it, once: whoever removes the stream's row (the
 * last chunk's call, or the timeout on any node) stores it.
 */
async function finishStream(messageId: string, completeReason?: number) {
  const stream = await db.messageStream.findUnique({ where: { id: messageId } });
  if (!stream) return;
  const { count } = await db.messageStream.deleteMany({ where: { id: messageId, lastSeq: stream.lastSeq } });
  if (count === 0) return;
  const options = JSON.parse(stream.options) as StreamOptions;
  const content = {
    content: stream.text,
    type: options.contentType,
    ...(completeReason !== undefined && { completeReason }),
    ...(options.user && { user: options.user }),
    ...(options.mentionedInfo && { mentionedInfo: options.mentionedInfo }),
    ...(options.extra && { extra: options.extra }),
  };
  await sendMessage({ ...sendInputOf(stream.appId, stream.senderId, stream.id, options), content: JSON.stringify(content) });
}

/** Stores the streams no chunk reached for the timeout, as they stand. */
export async function finishIdleStreams(now = Date.now()): Promise<void> {
  const idle = await db.messageStream.findMany({ where: { updatedAt: { lt: new Date(now - env.SWITCHBOARD_STREAM_TIMEOUT_SECONDS * 1000) } }, select: { id: true }, take: 100 });
  for (const stream of idle) {
    // A message its channel now refuses (the sender was banned meanwhile, say) is dropped with its stream.
    await finishStream(stream.id).catch((error) => log.warn("an idle stream could not be stored", { messageId: stream.id, ...describeError(error) }));
  }
}

function sendInputOf(appId: string, senderId: string, messageId: string, options: StreamOptions): SendMessageInput {
  return {
    appId,
    senderId,
    target: options.target,
    messageId,
    messageType: streamMessageType,
    content: "{}",
    metadata: options.metadata,
    byServer: { persist: options.persist, echoToSender: options.echoToSender, verifyBlocklist: false },
  };
}
