/**
 * @switchboard/sdk: Switchboard's chat SDK for browsers and Node (README.md is the guide).
 * The client and its options, the persistence hook, file messages, and the wire types it hands out.
 */
export * from "./client.js";
export { type ChatStore, MemoryChatStore, type OutboxEntry } from "./chat-store.js";
export { type FileData, type FileMessageType, fileMessage, fileMessageTypeOf } from "./files.js";
export type { SendMessageInput } from "./send-message-input.js";
