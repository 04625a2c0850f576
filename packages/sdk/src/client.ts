import { Centrifuge } from "centrifuge";
import type {
  BlocklistPage,
  BlocklistStatus,
  ChannelTypeNumber,
  ConversationTag,
  ConversationView,
  FileContentFields,
  FileUploadView,
  GroupAttributes,
  HistoryPage,
  MessageReaders,
  MessageView,
  OpenChannelLeftEvent,
  Publication,
  ReadEvent,
  ReadReceiptEvent,
  StreamChunkEvent,
  SubchannelUnread,
  SyncPage,
  TemporaryChannel,
  TemporaryChannelEndedEvent,
} from "../../../lib/contract/index.js";
import { type ChatStore, MemoryChatStore, type OutboxEntry } from "./chat-store.js";
import { ConversationList } from "./conversation-list.js";
import { type FileData, httpAddressOf, postFile } from "./files.js";
import type { SendMessageInput } from "./send-message-input.js";

/**
 * Switchboard's chat SDK: typed chat calls and events over the `centrifuge` client,
 * with catch-up after every (re)connect, each message delivered to the app once, an outbox
 * for sends made while disconnected and a conversation list kept current. Of Switchboard it
 * needs only the wire types of lib/contract (types, gone once compiled; the package's build
 * carries their declarations). The protocol underneath is described in docs/protocol.md.
 */

/** What the server sends, as the contract declares it: re-exported under the SDK's names. */
export type {
  BlocklistPage,
  ConversationTag,
  GroupAttributes,
  MessageReaders,
  OpenChannelLeftEvent,
  ReadEvent,
  ReadReceiptEvent,
  SubchannelUnread,
  TemporaryChannel,
  TemporaryChannelEndedEvent,
  StreamChunkEvent,
  MessageView as ChatMessage,
  ConversationView as Conversation,
  FileUploadView as FileUpload,
  FileContentFields,
};

/** A streamed message as far as it arrived: `text` joins its chunks 1 to `seq`. */
export type StreamedMessage = Omit<StreamChunkEvent, "chunk"> & { text: string };

/** 5: temporary conversations (customer service); 7: service channels (official accounts, bots), which users subscribe to. */
export const ChannelType = { direct: 1, group: 3, open: 4, temporary: 5, system: 6, service: 7, community: 10 } as const satisfies Record<string, ChannelTypeNumber>;
export type ConversationType =
  | typeof ChannelType.direct
  | typeof ChannelType.group
  | typeof ChannelType.temporary
  | typeof ChannelType.system
  | typeof ChannelType.service;
/**
 * A channel with messages: a conversation, or a community's subchannel (its default channel without `subchannelId`).
 * `private`: a service channel's thread with this user (what they sent it, what it sent them alone) rather than its broadcasts.
 */
export type MessageChannel =
  | { channelType: ConversationType; channelId: string; private?: boolean }
  | { channelType: typeof ChannelType.community; channelId: string; subchannelId?: string };
export type Platform = "mobile" | "web" | "desktop" | "miniProgram";

export type ClientOptions = {
  /** ws(s)://host/connection/websocket */
  url: string;
  /**
   * The server's HTTP address, for uploads and the files' relative URLs: by default the
   * gateway's host over http(s) (`wss://chat.example.com/...` → `https://chat.example.com`).
   * Give it when a proxy serves the server elsewhere (`https://example.com/chat`).
   */
  httpUrl?: string;
  /** The access token, or a function that fetches a fresh one from the app's server. */
  token: string | (() => Promise<string>);
  /** The device's platform category: the server keeps one session per category (several web tabs with multi-device sync). */
  platform?: Platform;
  /**
   * Where the last sync ended, as `syncPosition` returned it before: keep it with the
   * app's local messages. Without it the client counts as a new device or a reinstall.
   */
  syncPosition?: string;
  /** A WebSocket implementation where there is no global one (Node 20: `ws`). */
  websocket?: unknown;
  /**
   * Asks the app's server to sign an operation, for apps that require it (setting
   * `operationSignatures`; README, "Operation signatures"). Called before each history
   * query and open-channel join when given.
   */
  signOperation?: (operation: OperationToSign) => Promise<OperationSignature>;
  /**
   * Where the sync position and the outbox are kept (a `MemoryChatStore` when absent): give
   * one backed by the device's storage to resume after a restart. `syncPosition`, when given,
   * wins over the store's.
   */
  store?: ChatStore;
  /**
   * Sends made while not connected wait in the outbox and go out in order once connected
   * (true by default). False: such sends fail as the `centrifuge` client fails them (after its 5 s timeout).
   */
  outbox?: boolean;
};

/** What the app's server signs for a client operation; `conversation` as README "Operation signatures" describes. */
export type OperationToSign = { operation: "create" | "join" | "history"; conversation: string };
export type OperationSignature = { timestamp: number; value: string };

/** An error the server answered a call with: `code` is Switchboard's error code (see README). */
export class ChatCallError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly temporary: boolean,
  ) {
    super(message);
    this.name = "ChatCallError";
  }
}

/** The server refuses an upload with a token it invalidated with this code: a token function is asked for a fresh one. */
const tokenExpiredCode = 1016;

/** The close code of a session that a newer login of the same platform category replaced. */
export const kickedCloseCode = 4501;
/** The close code of a session that signed out. */
export const loggedOutCloseCode = 4502;
const seenLimit = 10_000;
/** The server refuses sends beyond 5 a second with this code. */
const sendRateExceededCode = 20604;
/** How long the outbox waits after the send rate, a temporary error or a lost answer before it tries again (while connected). */
const outboxRetryMs = 1000;
/** Streams assembled at once: a stream whose end never came is forgotten after this many newer ones. */
const streamLimit = 100;

type Handlers = {
  message: (message: MessageView) => void;
  messageUpdated: (message: MessageView) => void;
  read: (event: ReadEvent) => void;
  readReceipt: (event: ReadReceiptEvent) => void;
  openChannelLeft: (event: OpenChannelLeftEvent) => void;
  temporaryChannelEnded: (event: TemporaryChannelEndedEvent) => void;
  /** A streamed message grew by a chunk; the finished message then arrives as a "message" under the same id. */
  streamChunk: (message: StreamedMessage) => void;
  disconnected: (event: { code: number; reason: string }) => void;
  /** The conversation list changed (after `loadConversations`): the whole list, ready to render. */
  conversationsChanged: (conversations: ConversationView[]) => void;
  /** A send joined or left the outbox: what still waits, oldest first. */
  outboxChanged: (entries: OutboxEntry[]) => void;
  /** The server refused a send from the outbox (a blocked recipient, say): it is dropped from the outbox. */
  sendFailed: (event: { entry: OutboxEntry; error: ChatCallError }) => void;
};

/** A send waiting in the outbox, and the caller waiting for it (none for entries a previous run left). */
type Waiter = { resolve: (message: MessageView) => void; reject: (error: ChatCallError) => void };

export class SwitchboardClient {
  readonly centrifuge: Centrifuge;
  private readonly handlers: { [K in keyof Handlers]: Set<Handlers[K]> } = {
    message: new Set(),
    messageUpdated: new Set(),
    read: new Set(),
    readReceipt: new Set(),
    openChannelLeft: new Set(),
    temporaryChannelEnded: new Set(),
    streamChunk: new Set(),
    disconnected: new Set(),
    conversationsChanged: new Set(),
    outboxChanged: new Set(),
    sendFailed: new Set(),
  };
  /** Streamed messages under way, by message id; a missed chunk stops one (its finished message still comes). */
  private readonly streams = new Map<string, StreamedMessage | "gap">();
  /** The version (updatedAt) of each message seen lately: delivery is at least once, the app sees each change once. */
  private readonly seen = new Map<string, number>();
  private position: string | undefined;
  private syncing: Promise<void> | null = null;
  private readonly signOperation: ClientOptions["signOperation"];
  private readonly store: ChatStore;
  private readonly useOutbox: boolean;
  /** Sends not yet stored by the server, oldest first, as the store keeps them. */
  private outboxEntries: OutboxEntry[] = [];
  private readonly waiters = new Map<string, Waiter>();
  private flushing: Promise<void> | null = null;
  /** The store's sync position and outbox, read once before the first connect. */
  private readonly restored: Promise<void>;
  private isRestored = false;
  /** This user's id, from the personal subscription the server puts the session on. */
  private me: string | undefined;
  private readonly conversationList = new ConversationList((conversations) => this.emit("conversationsChanged", conversations));
  /** How many conversations `loadConversations` asked for, once it was called: the list is loaded again after each connect. */
  private conversationLimit: number | undefined;
  /** The server's HTTP address, without a trailing slash. */
  private readonly httpAddress: string;
  /** Asks the app's server for a fresh access token, when the app gave a function. */
  private readonly fetchToken: (() => Promise<string>) | undefined;
  /** The access token the client last had (given, or fetched for a connect or an upload): uploads carry it. */
  private token: string | undefined;
  /** The will message, registered again on every connect: the server keeps it per connection. */
  private will: Omit<Parameters<SwitchboardClient["sendMessage"]>[0], "clientMessageId"> | null = null;

  constructor(options: ClientOptions) {
    this.position = options.syncPosition;
    this.signOperation = options.signOperation;
    this.store = options.store ?? new MemoryChatStore();
    this.useOutbox = options.outbox ?? true;
    this.restored = this.restore();
    this.httpAddress = (options.httpUrl ?? httpAddressOf(options.url)).replace(/\/+$/, "");
    const { token } = options;
    this.fetchToken = typeof token === "string" ? undefined : async () => (this.token = await token());
    this.token = typeof token === "string" ? token : undefined;
    this.centrifuge = new Centrifuge(options.url, {
      ...(this.fetchToken ? { getToken: this.fetchToken } : { token: this.token }),
      ...(options.websocket ? { websocket: options.websocket } : {}),
      data: { platform: options.platform ?? "web" },
      name: "switchboard-sdk",
    });
    this.centrifuge.on("publication", (context) => this.receive(context.data as Publication));
    this.centrifuge.on("subscribed", (context) => {
      if (context.channel.startsWith("personal:")) this.me = context.channel.slice("personal:".length);
    });
    this.centrifuge.on("connected", () => {
      void this.sync().catch(() => {});
      void this.flushOutbox();
      if (this.conversationLimit !== undefined) void this.refreshConversations().catch(() => {});
      if (this.will) void this.call("will.set", this.will).catch(() => {});
    });
    this.centrifuge.on("disconnected", (context) => this.emit("disconnected", { code: context.code, reason: context.reason }));
  }

  /** Connects, resolves once the server accepted the token, and catches up (and sends the outbox) in the background. */
  async connect(): Promise<void> {
    await this.restored;
    // A token an upload fetched serves the connect too: the token function is not asked again.
    if (this.fetchToken && this.token && this.centrifuge.state === "disconnected") this.centrifuge.setToken(this.token);
    this.centrifuge.connect();
    await this.centrifuge.ready();
  }

  disconnect() {
    this.centrifuge.disconnect();
  }

  /**
   * Signs out: the device stops taking push notifications (when it registered `device`),
   * the server ends the session (close code 4502) and reports the user logged out.
   */
  async logout(device?: { provider: "fcm" | "apns"; token: string }): Promise<void> {
    if (device) await this.unregisterPushDevice(device);
    const closed = new Promise<void>((resolve) => this.centrifuge.once("disconnected", () => resolve()));
    await this.call("session.logout", {});
    await closed;
  }

  /** Where the last sync ended (also saved to the store): keep it to resume from there after a restart of the app. */
  get syncPosition(): string | undefined {
    return this.position;
  }

  /** This user's id, known once connected. */
  get userId(): string | undefined {
    return this.me;
  }

  /** The sends waiting to be stored, oldest first. */
  get outbox(): OutboxEntry[] {
    return [...this.outboxEntries];
  }

  /** The conversation list as it stands, pinned first, then the most recently active (empty before `loadConversations`). */
  get conversations(): ConversationView[] {
    return this.conversationList.list();
  }

  /**
   * Loads the conversation list (up to `limit`, 100 by default, 500 at most) and keeps it
   * current from then on: from events, and loaded again after every reconnect. Each change
   * fires "conversationsChanged" with the whole list.
   */
  async loadConversations(limit?: number): Promise<ConversationView[]> {
    this.conversationLimit = limit ?? 100;
    await this.refreshConversations();
    return this.conversations;
  }

  on<K extends keyof Handlers>(event: K, handler: Handlers[K]): () => void {
    this.handlers[event].add(handler);
    return () => this.handlers[event].delete(handler);
  }

  /** Calls `handler` once per new message addressed to this user or sent from their other devices. */
  onMessage(handler: (message: MessageView) => void): () => void {
    return this.on("message", handler);
  }

  /**
   * Fetches everything missed since the last sync (also run after every connect).
   * Resolves when caught up; concurrent calls share one run.
   */
  sync(): Promise<void> {
    this.syncing ??= this.syncPages().finally(() => (this.syncing = null));
    return this.syncing;
  }

  /**
   * Sends a message and resolves with it once the server stored it. A retry with the
   * same clientMessageId (generated when absent) is stored only once. While the client is
   * not connected (before `connect`, or reconnecting) the send waits in the outbox and goes
   * out, in order, once connected; sends made meanwhile queue behind it.
   */
  async sendMessage(input: SendMessageInput): Promise<MessageView> {
    const entry: OutboxEntry = {
      clientMessageId: input.clientMessageId ?? globalThis.crypto.randomUUID(),
      input: { messageType: "RC:TxtMsg", ...input },
      queuedAt: Date.now(),
    };
    entry.input.clientMessageId = entry.clientMessageId;
    if (!this.useOutbox || (this.centrifuge.state === "connected" && this.outboxEntries.length === 0)) return this.deliver(entry);
    // The store's outbox comes first: what a previous run left was sent before this.
    if (!this.isRestored) await this.restored;
    const sent = new Promise<MessageView>((resolve, reject) => this.waiters.set(entry.clientMessageId, { resolve, reject }));
    this.outboxEntries.push(entry);
    await this.saveOutbox();
    if (this.centrifuge.state === "connected") void this.flushOutbox();
    return sent;
  }

  sendDirectMessage(input: { to: string; text?: string; messageType?: string; content?: Record<string, unknown>; clientMessageId?: string }): Promise<MessageView> {
    return this.sendMessage({
      channelType: ChannelType.direct,
      channelId: input.to,
      messageType: input.messageType,
      content: input.content ?? { content: input.text ?? "" },
      clientMessageId: input.clientMessageId,
    });
  }

  sendGroupMessage(input: { groupId: string; text?: string; messageType?: string; content?: Record<string, unknown>; needReadReceipt?: boolean; toUserIds?: string[] }): Promise<MessageView> {
    const { groupId, text, content, ...rest } = input;
    return this.sendMessage({ channelType: ChannelType.group, channelId: groupId, content: content ?? { content: text ?? "" }, ...rest });
  }

  /**
   * Joins an open channel: from now on this user's devices receive its messages (while
   * online), and the reply holds its latest messages (up to 50), oldest first.
   */
  async joinOpenChannel(input: { channelId: string; historyCount?: number }): Promise<{ messages: MessageView[] }> {
    return this.call("openChannel.join", { ...input, signature: await this.signatureFor("join", input.channelId) });
  }

  async leaveOpenChannel(channelId: string): Promise<void> {
    await this.call("openChannel.leave", { channelId });
  }

  sendOpenChannelMessage(input: { channelId: string; text?: string; messageType?: string; content?: Record<string, unknown> }): Promise<MessageView> {
    const { channelId, text, content, ...rest } = input;
    return this.sendMessage({ channelType: ChannelType.open, channelId, content: content ?? { content: text ?? "" }, ...rest });
  }

  /** Sends to a community's subchannel (its default channel without `subchannelId`); the sender must read it. */
  sendCommunityMessage(input: { communityId: string; subchannelId?: string; text?: string; messageType?: string; content?: Record<string, unknown>; toUserIds?: string[] }): Promise<MessageView> {
    const { communityId, text, content, ...rest } = input;
    return this.sendMessage({ channelType: ChannelType.community, channelId: communityId, content: content ?? { content: text ?? "" }, ...rest });
  }

  /**
   * Creates a temporary conversation of this user and `memberIds` (2 to 10 members in all),
   * fixed for its life: `ttlSeconds` (60 to 604800, a day by default), after which it is
   * gone with its messages. It is in nobody's conversation list.
   */
  async createTemporaryChannel(input: { memberIds: string[]; ttlSeconds?: number }): Promise<TemporaryChannel> {
    const conversation = [...new Set([...input.memberIds])].sort().join(",");
    return this.call("temporaryChannel.create", { ...input, signature: await this.signatureFor("create", conversation) });
  }

  temporaryChannelMembers(channelId: string): Promise<TemporaryChannel> {
    return this.call("temporaryChannel.members", { channelId });
  }

  sendTemporaryMessage(input: { channelId: string; text?: string; messageType?: string; content?: Record<string, unknown> }): Promise<MessageView> {
    const { channelId, text, content, ...rest } = input;
    return this.sendMessage({ channelType: ChannelType.temporary, channelId, content: content ?? { content: text ?? "" }, ...rest });
  }

  /** Subscribes to a service channel: its broadcasts from now on reach this user, live and in sync, and they may write to it. */
  async subscribeServiceChannel(channelId: string): Promise<void> {
    await this.call("serviceChannel.subscribe", { channelId, signature: await this.signatureFor("join", channelId) });
  }

  async unsubscribeServiceChannel(channelId: string): Promise<void> {
    await this.call("serviceChannel.unsubscribe", { channelId });
  }

  /** Writes to a service channel: only this user and the app (its webhooks) see it; the answer comes in this user's thread (`private`). */
  sendServiceMessage(input: { channelId: string; text?: string; messageType?: string; content?: Record<string, unknown> }): Promise<MessageView> {
    const { channelId, text, content, ...rest } = input;
    return this.sendMessage({ channelType: ChannelType.service, channelId, content: content ?? { content: text ?? "" }, ...rest });
  }

  /** Per channel of a community the user reads: unread count and whether an unread message mentions them. */
  communityUnread(communityId: string): Promise<{ subchannels: SubchannelUnread[] }> {
    return this.call("community.unread", { channelId: communityId });
  }

  markCommunityRead(input: { communityId: string; subchannelId?: string; seq: number }): Promise<{ readSeq: number }> {
    return this.call("community.read", { channelId: input.communityId, subchannelId: input.subchannelId, seq: input.seq });
  }

  /**
   * Uploads a file with the user's access token (`POST /files` on the server's HTTP address;
   * no connection needed) and resolves with the upload: `fileId` for a message's content
   * (`fileMessage(upload)` makes one), the stored `name`, `mimeType` and `size`, an image's
   * `width`, `height` and thumbnail, and URLs valid until `expiresAt`. `name` is the file's
   * (a `File`'s own by default), `type` its media type (a `Blob`'s own by default, else
   * application/octet-stream). A refusal rejects with `ChatCallError`: 1005 larger than the
   * app's `fileMaxBytes`, 1002 a type the app does not take (or an image that is not one, or
   * an empty file), 1028 more uploads a minute than the app allows, 1014 a token the server
   * does not take (1016, an invalidated one, makes a token function fetch a fresh one and try
   * once more); code 0 when no answer came (temporary).
   */
  async uploadFile(data: FileData, options: { name?: string; type?: string } = {}): Promise<FileUploadView> {
    const upload = async (token: string) => postFile({ address: this.httpAddress, token, data, ...options });
    let answer = await upload(this.token ?? (await this.fetchToken!()));
    if (!answer.ok && answer.code === tokenExpiredCode && this.fetchToken) answer = await upload(await this.fetchToken());
    if (!answer.ok) throw new ChatCallError(answer.code, answer.message, answer.temporary);
    return answer.file;
  }

  /**
   * A file's URL as the server handed it (relative: `/files/<id>?expires=...&signature=...`)
   * made absolute against the server's HTTP address, for an `<img>`, a player or a download;
   * absolute URLs are answered as they are. The signature expires (`SWITCHBOARD_FILE_URL_SECONDS`,
   * an hour by default; the download then answers HTTP 403, code 1009): read the message again
   * (`history`, or `sync`) for a fresh one rather than keeping the URL.
   */
  fileUrl(url: string): string {
    return /^[a-z][a-z\d+.-]*:/i.test(url) ? url : `${this.httpAddress}${url.startsWith("/") ? "" : "/"}${url}`;
  }

  /** Tells the other side of a conversation that this user is typing (never stored). */
  async sendTyping(conversation: { channelType: typeof ChannelType.direct | typeof ChannelType.group; channelId: string }): Promise<void> {
    await this.call("message.send", { ...conversation, messageType: "RC:TypSts", content: { typingContentType: "RC:TxtMsg" } });
  }

  async recallMessage(message: MessageChannel & { messageId: string }): Promise<void> {
    await this.call("message.recall", message);
    this.conversationList.applyOwnChange(message.messageId, { content: {}, recalled: true });
  }

  async editMessage(message: MessageChannel & { messageId: string; content: Record<string, unknown> }): Promise<void> {
    await this.call("message.edit", message);
    this.conversationList.applyOwnChange(message.messageId, { content: message.content, editedAt: Date.now() });
  }

  async setMetadata(message: MessageChannel & { messageId: string; metadata: Record<string, string> }): Promise<void> {
    await this.call("message.metadata.set", message);
  }

  async deleteMetadata(message: MessageChannel & { messageId: string; keys: string[] }): Promise<void> {
    await this.call("message.metadata.delete", message);
  }

  /** Marks a conversation read up to `seq`: other devices and, in direct conversations, the other user learn it. */
  async markRead(conversation: { channelType: ConversationType; channelId: string; private?: boolean; seq: number }): Promise<{ readSeq: number }> {
    const answer = await this.call<{ readSeq: number }>("conversation.read", conversation);
    this.conversationList.applyRead({ ...conversation, private: conversation.private ? true : undefined, readSeq: answer.readSeq });
    return answer;
  }

  /** Group messages that asked for read receipts: tells their senders this user read them. */
  async sendReadReceipts(input: { groupId: string; messageIds: string[] }): Promise<void> {
    await this.call("message.readReceipt", { channelId: input.groupId, messageIds: input.messageIds });
  }

  /** A group's custom attributes (those of `keys` when given); members read them. */
  groupAttributes(input: { groupId: string; keys?: string[] }): Promise<GroupAttributes> {
    return this.call("group.attributes.get", input);
  }

  /** Sets keys of a group's custom attributes: any member may, or only admins and the owner (app setting `groupAttributeWriters`). */
  async setGroupAttributes(input: { groupId: string; attributes: Record<string, string> }): Promise<void> {
    await this.call("group.attributes.set", input);
  }

  async deleteGroupAttributes(input: { groupId: string; keys: string[] }): Promise<void> {
    await this.call("group.attributes.delete", input);
  }

  readers(input: { groupId: string; messageId: string }): Promise<MessageReaders> {
    return this.call("message.readers", { channelId: input.groupId, messageId: input.messageId });
  }

  listConversations(limit?: number): Promise<{ conversations: ConversationView[] }> {
    return this.call("conversation.list", { limit });
  }

  async history(input: MessageChannel & { beforeSeq?: number; limit?: number }): Promise<HistoryPage> {
    const conversation = "subchannelId" in input && input.subchannelId !== undefined ? `${input.channelId}/${input.subchannelId}` : input.channelId;
    return this.call("history.list", { ...input, signature: await this.signatureFor("history", conversation) });
  }

  /**
   * Registers a message the server sends for this user each time a connection is lost
   * without a clean disconnect or sign-out (a crash, a lost network); registered again on
   * every reconnect until cleared. Checked now as `sendMessage` would check it.
   */
  async setWillMessage(input: Omit<Parameters<SwitchboardClient["sendMessage"]>[0], "clientMessageId">): Promise<void> {
    const will = { messageType: "RC:TxtMsg", ...input };
    await this.call("will.set", will);
    this.will = will;
  }

  async clearWillMessage(): Promise<void> {
    this.will = null;
    await this.call("will.clear", {});
  }

  async pinConversation(conversation: { channelType: ConversationType; channelId: string; pinned: boolean }): Promise<void> {
    await this.call("conversation.pin", conversation);
    this.conversationList.applyPinned(conversation);
  }

  async deleteConversation(conversation: { channelType: ConversationType; channelId: string; clearHistory?: boolean }): Promise<void> {
    await this.call("conversation.delete", conversation);
    this.conversationList.applyDeleted(conversation);
  }

  /** Sets the conversation's do-not-disturb level: -1 everything, 0 its channel type's, up to 5 nothing. */
  async setNotificationLevel(conversation: { channelType: ConversationType; channelId: string; level: number }): Promise<void> {
    await this.call("conversation.notification.set", conversation);
  }

  notificationLevel(conversation: { channelType: ConversationType; channelId: string }): Promise<{ level: number }> {
    return this.call("conversation.notification.get", conversation);
  }

  /** This device takes push notifications while the user has no online session; a token belongs to one user at a time. */
  /** `packageName`: the app package the device runs, which the app server's pushes by package reach. */
  async registerPushDevice(device: { provider: "fcm" | "apns"; token: string; packageName?: string }): Promise<void> {
    await this.call("push.register", device);
  }

  async unregisterPushDevice(device: { provider: "fcm" | "apns"; token: string }): Promise<void> {
    await this.call("push.unregister", device);
  }

  /**
   * Blocks users (1 to 20 a call; a blocklist holds up to 3,000): their direct messages to this
   * user are refused with 1019. Blocking someone again changes nothing.
   */
  async addToBlocklist(userIds: string[]): Promise<void> {
    await this.call("blocklist.add", { targetUserIds: userIds });
  }

  /** Unblocks users (1 to 20 a call). */
  async removeFromBlocklist(userIds: string[]): Promise<void> {
    await this.call("blocklist.remove", { blockedUserIds: userIds });
  }

  /** Whether this user has `userId` on their blocklist. */
  async isBlocked(userId: string): Promise<boolean> {
    return (await this.call<BlocklistStatus>("blocklist.check", { targetUserId: userId })).blocked;
  }

  /**
   * A page of the users this user blocked, in the order they were blocked (`order` 1: newest
   * first); pass the returned `pageToken` for the next page, empty on the last one.
   */
  blocklist(input: { pageToken?: string; pageSize?: number; order?: 0 | 1 } = {}): Promise<BlocklistPage> {
    return this.call("blocklist.list", input);
  }

  /** The user's conversation tags (set by the app server). */
  conversationTags(): Promise<{ tags: ConversationTag[] }> {
    return this.call("conversation.tags.list", {});
  }

  private async signatureFor(operation: OperationToSign["operation"], conversation: string): Promise<OperationSignature | undefined> {
    return this.signOperation?.({ operation, conversation });
  }

  private async syncPages() {
    await this.restored;
    for (;;) {
      const page = await this.call<SyncPage>("sync", { position: this.position });
      for (const message of page.messages) this.receiveMessage(message);
      this.position = page.position;
      await this.store.saveSyncPosition(page.position);
      if (!page.hasMore) return;
    }
  }

  private async restore() {
    this.position ??= await this.store.loadSyncPosition();
    this.outboxEntries = await this.store.loadOutbox();
    this.isRestored = true;
  }

  private async refreshConversations() {
    const { conversations } = await this.call<{ conversations: ConversationView[] }>("conversation.list", { limit: this.conversationLimit });
    this.conversationList.reset(conversations);
  }

  /** Sends one message now; the server's answer is the stored message. */
  private async deliver(entry: OutboxEntry): Promise<MessageView> {
    const { message } = await this.call<{ message: MessageView }>("message.send", entry.input);
    this.remember(message);
    this.conversationList.applyMessage(message, this.me);
    return message;
  }

  /**
   * Sends the outbox, oldest first, one at a time so the server stores them in that order.
   * A lost connection, a temporary error or the send rate (5 a second) stops it with the entry
   * kept: it tries again a second later while connected, and after the next connect (the
   * entry is stored once, by its clientMessageId); another refusal drops the entry.
   */
  private flushOutbox(): Promise<void> {
    this.flushing ??= (async () => {
      await this.restored;
      while (this.outboxEntries.length > 0 && this.centrifuge.state === "connected") {
        const entry = this.outboxEntries[0]!;
        let outcome: { message: MessageView } | { error: ChatCallError };
        try {
          outcome = { message: await this.deliver(entry) };
        } catch (error) {
          const failure = error as ChatCallError;
          if (failure.code < 100 || failure.temporary || failure.code === sendRateExceededCode) {
            // Connected again meanwhile (its "connected" found this run still going), or a temporary refusal: try again shortly.
            setTimeout(() => void (this.centrifuge.state === "connected" && this.flushOutbox()), outboxRetryMs);
            return;
          }
          outcome = { error: failure };
        }
        this.outboxEntries = this.outboxEntries.filter((waiting) => waiting !== entry);
        await this.saveOutbox();
        const waiter = this.waiters.get(entry.clientMessageId);
        this.waiters.delete(entry.clientMessageId);
        if ("message" in outcome) waiter?.resolve(outcome.message);
        else {
          waiter?.reject(outcome.error);
          this.emit("sendFailed", { entry, error: outcome.error });
        }
      }
    })().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async saveOutbox() {
    await this.store.saveOutbox(this.outbox);
    this.emit("outboxChanged", this.outbox);
  }

  private async call<T>(method: string, data: unknown): Promise<T> {
    try {
      return (await this.centrifuge.rpc(method, data)).data as T;
    } catch (error) {
      const { code, message, temporary } = error as { code?: number; message?: string; temporary?: boolean };
      throw new ChatCallError(code ?? 0, message ?? String(error), temporary ?? false);
    }
  }

  private receive(publication: Publication) {
    if (publication.type === "message" || publication.type === "message.updated") return this.receiveMessage(publication.message);
    if (publication.type === "stream.chunk") return this.receiveChunk(publication);
    const { type, ...event } = publication;
    if (type === "read") {
      this.conversationList.applyRead(event as ReadEvent);
      this.emit("read", event as ReadEvent);
    }
    else if (type === "readReceipt") this.emit("readReceipt", event as ReadReceiptEvent);
    else if (type === "openChannel.left") this.emit("openChannelLeft", event as OpenChannelLeftEvent);
    else if (type === "temporaryChannel.ended") this.emit("temporaryChannelEnded", event as TemporaryChannelEndedEvent);
  }

  /** Joins a chunk to its stream when it is the next one; the first missed chunk ends the stream's updates. */
  private receiveChunk({ type: _type, chunk, ...event }: Extract<Publication, { type: "stream.chunk" }>) {
    if (this.seen.has(event.messageId)) return;
    const current = this.streams.get(event.messageId);
    if (current === "gap") return;
    const expected = current ? current.seq + 1 : 1;
    if (event.seq !== expected) return void this.streams.set(event.messageId, "gap");
    const message = { ...event, text: (current ? current.text : "") + chunk };
    this.streams.delete(event.messageId);
    this.streams.set(event.messageId, message);
    if (this.streams.size > streamLimit) this.streams.delete(this.streams.keys().next().value as string);
    this.emit("streamChunk", message);
  }

  /** A message from a publication or a sync: new, a newer version of one seen, or a repeat to drop. */
  private receiveMessage(message: MessageView) {
    this.streams.delete(message.messageId);
    const known = this.seen.get(message.messageId);
    if (known !== undefined && known >= message.updatedAt) return;
    this.remember(message);
    this.conversationList.applyMessage(message, this.me);
    // A message first seen in a sync comes as it is now (perhaps edited or recalled).
    this.emit(known === undefined ? "message" : "messageUpdated", message);
  }

  private remember(message: MessageView) {
    this.seen.delete(message.messageId);
    this.seen.set(message.messageId, message.updatedAt);
    if (this.seen.size > seenLimit) this.seen.delete(this.seen.keys().next().value as string);
  }

  private emit<K extends keyof Handlers>(event: K, value: Parameters<Handlers[K]>[0]) {
    for (const handler of this.handlers[event]) (handler as (value: Parameters<Handlers[K]>[0]) => void)(value);
  }
}
