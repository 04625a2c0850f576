import { describe, expect, it } from "vitest";
import type { MessageView, Publication, WebhookDelivery } from "@/lib/contract";
import { describeDelivery, describePublication } from "./playground-log";

const message: MessageView = { messageId: "m1", channelType: 1, channelId: "bob", senderId: "amy", seq: 3, sentAt: 1, updatedAt: 1, messageType: "RC:TxtMsg", content: { content: "hello" } };

describe("the playground's log lines", () => {
  it.each([
    { publication: { type: "message", message }, kind: "message", summary: 'RC:TxtMsg from amy to bob (#3) "hello"' },
    { publication: { type: "message", message: { ...message, seq: undefined, messageType: "RC:TypSts", content: {} } }, kind: "typing", summary: "amy is typing to bob" },
    {
      publication: { type: "message", message: { ...message, messageType: "RC:ImgMsg", content: { fileId: "f1", name: "cat.png", url: "/files/f1" } } },
      kind: "message",
      summary: 'RC:ImgMsg from amy to bob (#3) "cat.png"',
    },
    { publication: { type: "message.updated", message: { ...message, editedAt: 2 } }, kind: "message.updated", summary: 'edited: #3 of amy "hello"' },
    { publication: { type: "message.updated", message: { ...message, content: {}, recalled: true } }, kind: "message.updated", summary: "recalled: #3 of amy " },
    { publication: { type: "readReceipt", channelType: 1, channelId: "amy", userId: "bob", readSeq: 3 }, kind: "readReceipt", summary: "bob read up to #3" },
    { publication: { type: "readReceipt", channelType: 3, channelId: "g1", userId: "bob", messageIds: ["a", "b"] }, kind: "readReceipt", summary: "bob read 2 messages" },
    { publication: { type: "read", channelType: 1, channelId: "bob", readSeq: 3 }, kind: "read", summary: "read bob up to #3 on another device" },
  ] satisfies { publication: Publication; kind: string; summary: string }[])("$kind: $summary", ({ publication, kind, summary }) => {
    expect(describePublication(publication)).toEqual({ kind, summary });
  });

  it("cuts long texts", () => {
    expect(describePublication({ type: "message", message: { ...message, content: { content: "x".repeat(100) } } }).summary).toBe(`RC:TxtMsg from amy to bob (#3) "${"x".repeat(60)}…"`);
  });

  it("tells a webhook by its event, endpoint and status, with its body parsed", () => {
    const delivery: WebhookDelivery = { id: "d1", endpointUrl: "https://app.example/events", eventType: "message.sent", status: "delivered", createdAt: "", deliveredAt: null, nextAttemptAt: "", body: '{"a":1}', attemptLog: [] };
    expect(describeDelivery(delivery)).toEqual({ source: "webhooks", kind: "webhook delivered", summary: "message.sent → https://app.example/events", detail: { ...delivery, body: { a: 1 } } });
  });
});
