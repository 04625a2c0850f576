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
