import { readDate, type SqlQueries } from "../../../db/sql-connection";
import type { StoredMessageRow } from "./message-view";

/** The Message columns sync and history read, for plain SQL (see sql-connection.ts). */
export const storedMessageColumns = (table: string) =>
  ["id", "seq", "senderId", "type", "content", "clientMessageId", "sentAt", "updatedAt", "editedAt", "recalledAt", "needReadReceipt"].map((column) => `${table}."${column}"`).join(", ");

export type StoredMessageColumns = Omit<StoredMessageRow, "channel" | "metadata">;

type StoredValues = Omit<StoredMessageColumns, "sentAt" | "updatedAt" | "editedAt" | "recalledAt" | "needReadReceipt"> & {
  sentAt: string | Date;
  updatedAt: string | Date;
  editedAt: string | Date | null;
  recalledAt: string | Date | null;
  needReadReceipt: boolean | number;
};

/** A row of `storedMessageColumns` with its dates and flag typed. */
export function readStoredMessage<Row extends StoredValues>(row: Row): Omit<Row, keyof StoredValues> & StoredMessageColumns {
  return {
    ...row,
    sentAt: readDate(row.sentAt),
    updatedAt: readDate(row.updatedAt),
    editedAt: row.editedAt === null ? null : readDate(row.editedAt),
    recalledAt: row.recalledAt === null ? null : readDate(row.recalledAt),
    needReadReceipt: Boolean(row.needReadReceipt),
  };
}

/** The metadata of these messages, by message id. */
export async function findMessageMetadata(sql: SqlQueries, messageIds: string[]) {
  const byMessage = new Map<string, NonNullable<StoredMessageRow["metadata"]>>();
  if (messageIds.length === 0) return byMessage;
  const entries = await sql.query<{ messageId: string; key: string; value: string; userId: string; updatedAt: string | Date }>(
    `SELECT "messageId", "key", "value", "userId", "updatedAt" FROM "MessageMetadata" WHERE "messageId" = ANY(?) ORDER BY "key"`,
    [messageIds],
  );
  for (const { messageId, ...entry } of entries) {
    const typed = { ...entry, updatedAt: readDate(entry.updatedAt) };
    const list = byMessage.get(messageId);
    if (list) list.push(typed);
    else byMessage.set(messageId, [typed]);
  }
  return byMessage;
}
