import { ChatError, parseJsonInput } from "../errors";

/** Largest message content, in bytes of its JSON text. */
export const maxContentBytes = 128 * 1024;
const messageTypePattern = /^[A-Za-z0-9:_.-]{1,32}$/;
const maxClientMessageIdLength = 64;

/**
 * Checks what a sender submits and returns the content as an object.
 * `content` is JSON text, as the Platform API carries it.
 */
export function checkMessage(input: { messageType: string; content: string; clientMessageId?: string }): Record<string, unknown> {
  if (!messageTypePattern.test(input.messageType)) {
    throw new ChatError("invalidParameter", "messageType must be 1 to 32 characters of letters, digits and : _ . -");
  }
  if (Buffer.byteLength(input.content) > maxContentBytes) {
    throw new ChatError("payloadTooLarge", `content exceeds ${maxContentBytes} bytes`);
  }
  if (input.clientMessageId !== undefined && (input.clientMessageId.length < 1 || input.clientMessageId.length > maxClientMessageIdLength)) {
    throw new ChatError("invalidParameter", `clientMessageId must be 1 to ${maxClientMessageIdLength} characters`);
  }
  const content = parseObject(input.content);
  if (input.messageType === "RC:TxtMsg" && (typeof content.content !== "string" || content.content.length === 0)) {
    throw new ChatError("invalidParameter", 'a text message (RC:TxtMsg) needs content.content, a non-empty string');
  }
  return content;
}

function parseObject(text: string): Record<string, unknown> {
  const notObject = () => new ChatError("invalidParameter", "content must be a JSON object");
  const value = parseJsonInput(text, "content", notObject);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw notObject();
  }
  return value as Record<string, unknown>;
}
