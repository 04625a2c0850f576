import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChannelType } from "../channels/channel-types";
import type { SendMessageInput } from "./message-target";
import type { MessageView } from "../../../contract";
import { plugInSendPipeline, sendNotice } from "./send-notice";

const notice: SendMessageInput = {
  appId: "app",
  senderId: "owner",
  target: { channelType: ChannelType.group, groupId: "g1" },
  messageType: "RC:GrpNtf",
  content: JSON.stringify({ operation: "Add" }),
  byServer: { persist: true, echoToSender: true, verifyBlocklist: false },
};

describe("sendNotice, the products' port to the send pipeline", () => {
  const slot = Symbol.for("switchboard.sendPipeline");
  const holder = globalThis as Record<symbol, unknown>;
  let plugged: unknown;
  beforeEach(() => {
    plugged = holder[slot];
    delete holder[slot];
  });
  afterEach(() => {
    holder[slot] = plugged;
  });

  it("refuses, naming the fix, while no pipeline is plugged in", () => {
    expect(() => sendNotice(notice)).toThrow("The send pipeline is not loaded: import lib/chat/messages/send-message in this process's entry");
  });

  it("hands the notice to the pipeline and answers what it stored", async () => {
    const sent: SendMessageInput[] = [];
    const stored = { messageId: "M1", channelType: ChannelType.group, channelId: "g1" } as MessageView;
    plugInSendPipeline(async (input) => {
      sent.push(input);
      return stored;
    });
    expect(await sendNotice(notice)).toBe(stored);
    expect(sent).toEqual([notice]);
  });
});
