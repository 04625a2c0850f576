import type { ChatMessage, ReadEvent, ReadReceiptEvent, SwitchboardClient } from "@switchboard/sdk";
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

/** Moves messages `ms` into the past, as if they had been sent that long ago. */
export async function ageMessages(database: TestDatabase, messageIds: string[], ms: number) {
  for (const id of messageIds) await ageRows(database, { table: "Message", where: { id }, columns: ["sentAt", "updatedAt"], ms });
}

/**
 * Moves time columns of the rows matching `where` `ms` into the past, whatever the
 * database's time format: the test's clock, for what happens after a while.
 */
export async function ageRows(database: TestDatabase, input: { table: string; where: Record<string, string>; columns: string[]; ms: number }) {
  const conditions = Object.keys(input.where).map((column, index) => `"${column}" = $${index + 1}`);
  const whereSql = conditions.join(" AND ");
  const whereValues = Object.values(input.where);
  const rows = await database.query<Record<string, unknown>>(`SELECT ${input.columns.map((column) => `"${column}"`).join(", ")} FROM "${input.table}" WHERE ${whereSql}`, whereValues);
  for (const row of rows) {
    const assignments = input.columns.map((column, index) => `"${column}" = $${index + 1}`).join(", ");
    const shifted = input.columns.map((column) => (row[column] === null ? null : shift(row[column], input.ms)));
    const rowWhere = Object.keys(input.where).map((column, index) => `"${column}" = $${input.columns.length + index + 1}`).join(" AND ");
    await database.execute(`UPDATE "${input.table}" SET ${assignments} WHERE ${rowWhere}`, [...shifted, ...whereValues]);
  }
}

function shift(value: unknown, ms: number): unknown {
  if (value instanceof Date) return new Date(value.getTime() - ms);
  if (typeof value === "number") return value - ms;
  const text = String(value);
  const iso = new Date(new Date(text).getTime() - ms).toISOString();
  return iso.slice(0, 10) + text[10] + iso.slice(11, 23) + text.slice(23);
}

/**
 * Each sender sends direct messages to its recipient without pause until `stop`, as a failure
 * test's load: a send the failure interrupted is sent again with the same clientMessageId
 * (every 200 ms, 50 times at most). `acknowledged` maps each acknowledged message's id to its recipient.
 */
export function keepSendingDirectMessages(senders: { client: SwitchboardClient; to: string }[]) {
  const acknowledged = new Map<string, string>();
  let sending = true;
  const sent = Promise.all(
    senders.map(async ({ client, to }, index) => {
      for (let next = 0; sending; next++) {
        const clientMessageId = `${index}-${next}`;
        for (let attempt = 0; attempt < 50; attempt++) {
          try {
            const message = await client.sendDirectMessage({ to, text: clientMessageId, clientMessageId });
            acknowledged.set(message.messageId, to);
            break;
          } catch {
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        }
      }
    }),
  );
  return {
    acknowledged,
    stop: async () => {
      sending = false;
      await sent;
    },
  };
}
