import { Centrifuge } from "centrifuge";

/**
 * Switchboard's chat SDK: typed chat calls over the `centrifuge` client. It depends on
 * nothing else of Switchboard, so apps can vendor this file alone.
 */

export const ChannelType = { direct: 1, group: 3, open: 4, system: 6, community: 10 } as const;

export type ChatMessage = {
  messageId: string;
  channelType: number;
  /** As the sender addressed it: for direct messages, the recipient's user id. */
  channelId: string;
  senderId: string;
  /** Position in the channel: gap-free, increasing by one per stored message. */
  seq: number;
  /** Unix ms when the server stored it. */
  sentAt: number;
  messageType: string;
  content: Record<string, unknown>;
  clientMessageId?: string;
};

export type ClientOptions = {
  /** ws(s)://host/connection/websocket */
  url: string;
  /** The access token, or a function that fetches a fresh one from the app's server. */
  token: string | (() => Promise<string>);
  /** A WebSocket implementation where there is no global one (Node 20: `ws`). */
  websocket?: unknown;
};

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

const seenLimit = 10_000;

export class SwitchboardClient {
  readonly centrifuge: Centrifuge;
  private readonly messageHandlers = new Set<(message: ChatMessage) => void>();
  /** Recently seen message ids: delivery is at least once, the app sees each message once. */
  private readonly seen = new Set<string>();

  constructor(options: ClientOptions) {
    this.centrifuge = new Centrifuge(options.url, {
      ...(typeof options.token === "string" ? { token: options.token } : { getToken: options.token }),
      ...(options.websocket ? { websocket: options.websocket } : {}),
      name: "switchboard-sdk",
    });
    this.centrifuge.on("publication", (context) => {
      const data = context.data as { type?: string; message?: ChatMessage };
      if (data.type === "message" && data.message) this.receive(data.message);
    });
  }

  /** Connects and resolves once the server accepted the token. */
  async connect(): Promise<void> {
    this.centrifuge.connect();
    await this.centrifuge.ready();
  }

  disconnect() {
    this.centrifuge.disconnect();
  }

  /** Calls `handler` once per new message addressed to this user or sent from their other devices. */
  onMessage(handler: (message: ChatMessage) => void): () => void {
    this.messageHandlers.add(handler);
    return () => this.messageHandlers.delete(handler);
  }

  /**
   * Sends a direct message and resolves with it once the server stored it. Give the same
   * clientMessageId when retrying a send whose outcome is unknown: it is stored only once.
   */
  async sendDirectMessage(input: {
    to: string;
    text?: string;
    messageType?: string;
    content?: Record<string, unknown>;
    clientMessageId?: string;
  }): Promise<ChatMessage> {
    const result = await this.call<{ message: ChatMessage }>("message.send", {
      channelType: ChannelType.direct,
      channelId: input.to,
      messageType: input.messageType ?? "RC:TxtMsg",
      content: input.content ?? { content: input.text ?? "" },
      clientMessageId: input.clientMessageId ?? globalThis.crypto.randomUUID(),
    });
    this.seen.add(result.message.messageId);
    return result.message;
  }

  private async call<T>(method: string, data: unknown): Promise<T> {
    try {
      return (await this.centrifuge.rpc(method, data)).data as T;
    } catch (error) {
      const { code, message, temporary } = error as { code?: number; message?: string; temporary?: boolean };
      throw new ChatCallError(code ?? 0, message ?? String(error), temporary ?? false);
    }
  }

  private receive(message: ChatMessage) {
    if (this.seen.has(message.messageId)) return;
    this.seen.add(message.messageId);
    if (this.seen.size > seenLimit) this.seen.delete(this.seen.values().next().value as string);
    for (const handler of this.messageHandlers) handler(message);
  }
}
