import type { SendMessageInput } from "./send-message-input.js";

/** A send kept in the outbox until the server stored it: sent again under the same `clientMessageId`, so it is stored once. */
export type OutboxEntry = { clientMessageId: string; input: SendMessageInput; queuedAt: number };

/**
 * Where the client keeps what must outlive the app's process: the sync position (where the
 * last catch-up ended) and the outbox (sends not yet stored by the server). Give the client
 * one backed by the device's storage (IndexedDB, SQLite, AsyncStorage...): a restarted app
 * then resumes its sync where it ended and sends what was left. Each method may answer
 * directly or with a promise; writes are awaited before the client goes on.
 */
export interface ChatStore {
  loadSyncPosition(): string | undefined | Promise<string | undefined>;
  saveSyncPosition(position: string): void | Promise<void>;
  /** The outbox as last saved, oldest first. */
  loadOutbox(): OutboxEntry[] | Promise<OutboxEntry[]>;
  /** The whole outbox, oldest first, after every change (an entry added, sent or refused). */
  saveOutbox(entries: OutboxEntry[]): void | Promise<void>;
}

/** The default store: kept in memory, gone with the process. */
export class MemoryChatStore implements ChatStore {
  private position: string | undefined;
  private entries: OutboxEntry[] = [];

  loadSyncPosition() {
    return this.position;
  }

  saveSyncPosition(position: string) {
    this.position = position;
  }

  loadOutbox() {
    return [...this.entries];
  }

  saveOutbox(entries: OutboxEntry[]) {
    this.entries = [...entries];
  }
}
