import { z } from "zod";
import { ChatError } from "./errors";

/** Opaque cursors for lists ordered by time: the position of the last item of a page. */
const positionSchema = z.tuple([z.number().int(), z.string()]);
export type Position = z.infer<typeof positionSchema>;

export function encodePageToken(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

export function decodePageToken(token: string | undefined): Position | null {
  if (!token) return null;
  try {
    return positionSchema.parse(JSON.parse(Buffer.from(token, "base64url").toString("utf8")));
  } catch {
    throw new ChatError("invalidParameter", "pageToken is not one this server issued");
  }
}

/**
 * The checked paging options of a list ordered by time: `order` 0 oldest first, 1 newest
 * first; `after` is the position the page token names (null on the first page).
 */
export function checkTimePage(input: { pageToken?: string; pageSize?: number; order?: number }, limits: { defaultPageSize: number; maxPageSize: number }) {
  const pageSize = input.pageSize ?? limits.defaultPageSize;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > limits.maxPageSize) {
    throw new ChatError("invalidParameter", `pageSize must be 1 to ${limits.maxPageSize}`);
  }
  if (input.order !== undefined && input.order !== 0 && input.order !== 1) {
    throw new ChatError("invalidParameter", "order must be 0 (oldest first) or 1 (newest first)");
  }
  const direction = input.order === 1 ? ("desc" as const) : ("asc" as const);
  return { pageSize, direction, beyond: direction === "asc" ? ("gt" as const) : ("lt" as const), after: decodePageToken(input.pageToken) };
}

/** Splits the `pageSize + 1` rows fetched into the page and the token of the next one ("" on the last page). */
export function toTimePage<T>(rows: T[], pageSize: number, positionOf: (row: T) => Position): { page: T[]; pageToken: string } {
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return { page, pageToken: rows.length > pageSize && last !== undefined ? encodePageToken(positionOf(last)) : "" };
}
