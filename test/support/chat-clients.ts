import type { ChatMessage, ReadEvent, ReadReceiptEvent, SwitchboardClient } from "../../lib/sdk";
import type { TestDatabase } from "./databases";

/** Polls `check` until it holds or `timeoutMs` passes; returns its last value. */
export async function waitUntil<T>(check: () => T, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = check();
  while (!value && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    value = check();
  }
  return value;
}

/** Everything a client receives, by event, for assertions. */
export function recorder(client: SwitchboardClient) {
  const events = {
    messages: [] as ChatMessage[],
    updates: [] as ChatMessage[],
    reads: [] as ReadEvent[],
    receipts: [] as ReadReceiptEvent[],
    disconnects: [] as { code: number; reason: string }[],
  };
  client.on("message", (message) => events.messages.push(message));
  client.on("messageUpdated", (message) => events.updates.push(message));
  client.on("read", (event) => events.reads.push(event));
  client.on("readReceipt", (event) => events.receipts.push(event));
  client.on("disconnected", (event) => events.disconnects.push(event));
  return {
    ...events,
    texts: () => events.messages.map((message) => message.content.content),
    async waitForMessages(count: number) {
      await waitUntil(() => events.messages.length >= count);
      return events.messages;
    },
  };
}

/** Moves messages `ms` into the past, as if they had been sent that long ago (whatever the database's time format). */
export async function ageMessages(database: TestDatabase, messageIds: string[], ms: number) {
  for (const id of messageIds) {
    const [row] = await database.query<{ sentAt: unknown; updatedAt: unknown }>(`SELECT "sentAt", "updatedAt" FROM "Message" WHERE "id" = $1`, [id]);
    await database.execute(`UPDATE "Message" SET "sentAt" = $1, "updatedAt" = $2 WHERE "id" = $3`, [shift(row!.sentAt, ms), shift(row!.updatedAt, ms), id]);
  }
}

function shift(value: unknown, ms: number): unknown {
  if (value instanceof Date) return new Date(value.getTime() - ms);
  if (typeof value === "number") return value - ms;
  const text = String(value);
  const iso = new Date(new Date(text).getTime() - ms).toISOString();
  return iso.slice(0, 10) + text[10] + iso.slice(11, 23) + text.slice(23);
}
