import { describe, expect, it } from "vitest";
import type { ConversationView, MessageView } from "../../../lib/contract/index.js";
import { ConversationList } from "./conversation-list.js";

const me = "amy";
let nextId = 0;
const message = (fields: Partial<MessageView> & Pick<MessageView, "channelType" | "channelId" | "senderId" | "seq">): MessageView => ({
  messageId: `m${++nextId}`,
  sentAt: 1000 + nextId,
  updatedAt: 1000 + nextId,
  messageType: "RC:TxtMsg",
  content: { content: "hi" },
  ...fields,
});

/** A list and every change event it fired, after the microtask that delivers them. */
function listWithChanges() {
  const changes: ConversationView[][] = [];
  const list = new ConversationList((conversations) => changes.push(conversations));
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0)).then(() => changes);
  return { list, settled };
}

describe("ConversationList", () => {
  it("names a direct conversation by the other user, counts what others send and clears it for what the user sends", async () => {
    const { list } = listWithChanges();
    list.applyMessage(message({ channelType: 1, channelId: me, senderId: "bob", seq: 1 }), me);
    list.applyMessage(message({ channelType: 1, channelId: me, senderId: "bob", seq: 2 }), me);
    expect(list.list()).toMatchObject([{ channelType: 1, channelId: "bob", lastSeq: 2, readSeq: 0, unreadCount: 2 }]);
    list.applyMessage(message({ channelType: 1, channelId: "bob", senderId: me, seq: 3 }), me);
    expect(list.list()).toMatchObject([{ channelId: "bob", lastSeq: 3, readSeq: 3, unreadCount: 0 }]);
  });

  it("counts a message once however often it arrives, and takes a newer version of the last message", () => {
    const { list } = listWithChanges();
    const first = message({ channelType: 3, channelId: "team", senderId: "bob", seq: 5 });
    list.reset([{ channelType: 3, channelId: "team", lastSeq: 4, readSeq: 4, unreadCount: 0, mentioned: false, pinned: false, updatedAt: 1 }]);
    list.applyMessage(first, me);
    list.applyMessage(first, me);
    expect(list.list()[0]).toMatchObject({ unreadCount: 1, lastSeq: 5 });
    list.applyMessage({ ...first, content: {}, recalled: true, updatedAt: first.updatedAt + 1 }, me);
    expect(list.list()[0]).toMatchObject({ unreadCount: 1, lastMessage: { recalled: true } });
  });

  it("keeps mentioned while the mentioning message is unread", () => {
    const { list } = listWithChanges();
    list.applyMessage(message({ channelType: 3, channelId: "team", senderId: "bob", seq: 1, content: { content: "@amy", mentionedInfo: { type: 2, userIdList: [me] } } }), me);
    list.applyMessage(message({ channelType: 3, channelId: "team", senderId: "bob", seq: 2 }), me);
    expect(list.list()[0]).toMatchObject({ mentioned: true, unreadCount: 2 });
    list.applyRead({ channelType: 3, channelId: "team", readSeq: 1 });
    expect(list.list()[0]).toMatchObject({ mentioned: false, unreadCount: 1, readSeq: 1 });
    list.applyMessage(message({ channelType: 3, channelId: "team", senderId: "bob", seq: 3, content: { content: "all", mentionedInfo: { type: 1 } } }), me);
    expect(list.list()[0]).toMatchObject({ mentioned: true });
  });

  it("lists pinned first, then the most recent; leaves out what has no place in it", () => {
    const { list } = listWithChanges();
    list.applyMessage(message({ channelType: 1, channelId: me, senderId: "bob", seq: 1 }), me);
    list.applyMessage(message({ channelType: 3, channelId: "team", senderId: "bob", seq: 1 }), me);
    list.applyMessage(message({ channelType: 10, channelId: "guild", senderId: "bob", seq: 1 }), me);
    list.applyMessage(message({ channelType: 4, channelId: "lobby", senderId: "bob", seq: 1 }), me);
    list.applyMessage(message({ channelType: 1, channelId: me, senderId: "bob", messageType: "RC:TypSts" } as never), me);
    expect(list.list().map((conversation) => conversation.channelId)).toEqual(["team", "bob"]);
    list.applyPinned({ channelType: 1, channelId: "bob", pinned: true });
    expect(list.list().map((conversation) => conversation.channelId)).toEqual(["bob", "team"]);
    list.applyDeleted({ channelType: 1, channelId: "bob" });
    expect(list.list().map((conversation) => conversation.channelId)).toEqual(["team"]);
  });

  it("fires one change per burst, with the whole list", async () => {
    const { list, settled } = listWithChanges();
    for (let seq = 1; seq <= 50; seq++) list.applyMessage(message({ channelType: 1, channelId: me, senderId: "bob", seq }), me);
    const changes = await settled();
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject([{ channelId: "bob", unreadCount: 50 }]);
  });
});
