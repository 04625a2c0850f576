import type { ConversationView, MessageView, ReadEvent } from "../../../lib/contract/index.js";

/** Channel types with a place in the conversation list: direct, group, system, service (communities, open and temporary channels have none). */
const listedTypes = new Set<number>([1, 3, 6, 7]);

/**
 * The user's conversation list, loaded once from the server (`conversation.list`) and then
 * kept current from what arrives: new and changed messages, reads on other devices, this
 * client's own sends, reads, pins and deletions. Unread counts follow the server's rule
 * (new stored messages after the read position; the user's own messages move it).
 */
export class ConversationList {
  private readonly byKey = new Map<string, ConversationView>();
  /** The newest sequence known to mention the user, per conversation: `mentioned` holds while it is unread. */
  private readonly mentionedSeq = new Map<string, number>();
  private changeScheduled = false;

  constructor(private readonly changed: (conversations: ConversationView[]) => void) {}

  /** Pinned first, then the most recently active, as the server orders them. */
  list(): ConversationView[] {
    return [...this.byKey.values()].sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.updatedAt - a.updatedAt);
  }

  /** Replaces the list with the server's. */
  reset(conversations: ConversationView[]) {
    this.byKey.clear();
    this.mentionedSeq.clear();
    for (const conversation of conversations) {
      const key = keyOf(conversation);
      this.byKey.set(key, { ...conversation });
      if (conversation.mentioned) this.mentionedSeq.set(key, conversation.lastSeq);
    }
    this.scheduleChange();
  }

  /** A message from a publication, a sync or this client's own send; `me` is this user's id. */
  applyMessage(message: MessageView, me: string | undefined) {
    if (!listedTypes.has(message.channelType) || message.seq === undefined) return;
    const mine = me !== undefined && message.senderId === me;
    const channelId = message.channelType === 1 && !mine ? message.senderId : message.channelId;
    const key = keyOf({ channelType: message.channelType, channelId, private: message.private });
    const current = this.byKey.get(key);
    if (current && message.seq <= current.lastSeq) {
      if (current.lastMessage?.messageId !== message.messageId || current.lastMessage.updatedAt >= message.updatedAt) return;
      this.byKey.set(key, { ...current, lastMessage: message });
      return this.scheduleChange();
    }
    const conversation: ConversationView = current
      ? { ...current }
      : { channelType: message.channelType, channelId, lastSeq: 0, readSeq: 0, unreadCount: 0, mentioned: false, pinned: false, updatedAt: 0, ...(message.private && { private: true as const }) };
    if (mine) {
      conversation.readSeq = message.seq;
      conversation.unreadCount = 0;
      this.mentionedSeq.delete(key);
    } else {
      // A conversation new to the list counts this message; a known one every sequence since its last.
      conversation.unreadCount += current ? message.seq - current.lastSeq : 1;
      if (me !== undefined && mentions(message, me)) this.mentionedSeq.set(key, message.seq);
    }
    conversation.lastSeq = message.seq;
    conversation.lastMessage = message;
    conversation.updatedAt = Math.max(conversation.updatedAt, message.sentAt);
    conversation.mentioned = (this.mentionedSeq.get(key) ?? 0) > conversation.readSeq;
    this.byKey.set(key, conversation);
    this.scheduleChange();
  }

  /** The read position moved: on another device (a `read` publication) or by this client's `markRead`. */
  applyRead(event: Pick<ReadEvent, "channelType" | "channelId" | "private" | "readSeq">) {
    const key = keyOf(event);
    const current = this.byKey.get(key);
    if (!current || event.readSeq <= current.readSeq) return;
    const readSeq = event.readSeq;
    const unreadCount = Math.max(0, Math.min(current.unreadCount, current.lastSeq - readSeq));
    this.byKey.set(key, { ...current, readSeq, unreadCount, mentioned: (this.mentionedSeq.get(key) ?? 0) > readSeq });
    this.scheduleChange();
  }

  /**
   * This client edited or recalled a message: the session that made the change gets no
   * publication of it, so a conversation whose last message it is shows the change at once.
   * The message keeps its `updatedAt`, so the server's version, arriving later (a sync), replaces it.
   */
  applyOwnChange(messageId: string, change: Pick<MessageView, "content" | "editedAt" | "recalled">) {
    for (const [key, conversation] of this.byKey) {
      if (conversation.lastMessage?.messageId !== messageId) continue;
      this.byKey.set(key, { ...conversation, lastMessage: { ...conversation.lastMessage, ...change } });
      this.scheduleChange();
    }
  }

  applyPinned(conversation: { channelType: number; channelId: string; pinned: boolean }) {
    const key = keyOf(conversation);
    const current = this.byKey.get(key);
    if (!current || current.pinned === conversation.pinned) return;
    this.byKey.set(key, { ...current, pinned: conversation.pinned });
    this.scheduleChange();
  }

  applyDeleted(conversation: { channelType: number; channelId: string }) {
    if (!this.byKey.delete(keyOf(conversation))) return;
    this.scheduleChange();
  }

  /** One change event per burst (a sync page applies many messages at once). */
  private scheduleChange() {
    if (this.changeScheduled) return;
    this.changeScheduled = true;
    queueMicrotask(() => {
      this.changeScheduled = false;
      this.changed(this.list());
    });
  }
}

const keyOf = (conversation: { channelType: number; channelId: string; private?: boolean }) =>
  `${conversation.channelType}:${conversation.private ? "private:" : ""}${conversation.channelId}`;

/** `mentionedInfo` in the content: everyone of a group (type 1) or the users listed (type 2). */
function mentions(message: MessageView, userId: string): boolean {
  const info = message.content.mentionedInfo as { type?: number; userIdList?: unknown } | undefined;
  if (!info || typeof info !== "object") return false;
  if (info.type === 1) return message.channelType === 3;
  return info.type === 2 && Array.isArray(info.userIdList) && info.userIdList.includes(userId);
}
