import { randomBytes } from "node:crypto";
import { ChatError } from "../errors";

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** Four groups of four uppercase alphanumerics, e.g. BN6D-3HBC-0PU4-1FGK (about 82 random bits). */
export function generateMessageId(): string {
  const bytes = randomBytes(16);
  let id = "";
  for (let i = 0; i < 16; i++) {
    if (i > 0 && i % 4 === 0) id += "-";
    id += alphabet[bytes[i]! % alphabet.length];
  }
  return id;
}

export const messageIdPattern = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/;

export function checkMessageId(messageId: string): string {
  if (!messageIdPattern.test(messageId)) throw new ChatError("invalidParameter", "messageId must look like BN6D-3HBC-0PU4-1FGK");
  return messageId;
}
