import { describe, expect, it } from "vitest";
import { ChatError } from "../errors";
import { checkMessage, maxContentBytes } from "./check-message";
import { generateMessageId, messageIdPattern } from "./message-id";

const text = (content: string) => JSON.stringify({ content });

describe("checkMessage", () => {
  it("returns the content object of a valid text message", () => {
    expect(checkMessage({ messageType: "RC:TxtMsg", content: text("hi") })).toEqual({ content: "hi" });
  });

  it("accepts content of exactly the limit and refuses one byte more", () => {
    const overhead = text("").length;
    expect(() => checkMessage({ messageType: "RC:TxtMsg", content: text("x".repeat(maxContentBytes - overhead)) })).not.toThrow();
    expect(() => checkMessage({ messageType: "RC:TxtMsg", content: text("x".repeat(maxContentBytes - overhead + 1)) })).toThrow(
      new ChatError("payloadTooLarge", "content exceeds 131072 bytes"),
    );
  });

  it("counts bytes, not characters", () => {
    const overhead = text("").length;
    expect(() => checkMessage({ messageType: "RC:TxtMsg", content: text("é".repeat((maxContentBytes - overhead) / 2 + 1)) })).toThrow(/exceeds/);
  });

  it.each([
    { content: "[1]", messageType: "App:Custom", error: "content must be a JSON object" },
    { content: "nope", messageType: "App:Custom", error: "content must be a JSON object" },
    { content: "{}", messageType: "RC:TxtMsg", error: "a text message (RC:TxtMsg) needs content.content, a non-empty string" },
    { content: "{}", messageType: "x".repeat(33), error: "messageType must be 1 to 32 characters of letters, digits and : _ . -" },
  ])("refuses $content as $messageType", ({ content, messageType, error }) => {
    expect(() => checkMessage({ messageType, content })).toThrow(new ChatError("invalidParameter", error));
  });
});

describe("generateMessageId", () => {
  it("makes distinct ids of four groups of four uppercase alphanumerics", () => {
    const ids = Array.from({ length: 10_000 }, generateMessageId);
    for (const id of ids.slice(0, 100)) expect(id).toMatch(messageIdPattern);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
