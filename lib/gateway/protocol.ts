import { z } from "zod";

/**
 * The Centrifuge client protocol v2 in its JSON encoding: each WebSocket frame holds
 * one or more commands (client → server) or replies (server → client), one JSON
 * object per line. A command's reply carries the same id; pushes have no id; an
 * empty object is a ping from the server and a pong from the client.
 */
export const commandSchema = z.looseObject({
  id: z.number().int().positive().optional(),
  connect: z
    .looseObject({ token: z.string().optional(), name: z.string().optional(), version: z.string().optional(), data: z.unknown().optional() })
    .optional(),
  rpc: z.looseObject({ method: z.string().min(1), data: z.unknown().optional() }).optional(),
});
export type Command = z.infer<typeof commandSchema>;

/** Commands of the protocol that Switchboard answers with `notAvailable`: clients cannot subscribe or publish freely. */
export const unsupportedCommands = ["subscribe", "unsubscribe", "publish", "presence", "presence_stats", "history", "send", "refresh", "sub_refresh"];

/** Error codes of replies, as Centrifuge defines them. Chat errors use their own codes (1000 and up). */
export const protocolErrors = {
  internal: { code: 100, message: "internal server error" },
  methodNotFound: { code: 104, message: "method not found" },
  badRequest: { code: 107, message: "bad request" },
  notAvailable: { code: 108, message: "not available" },
  /** Makes Centrifuge clients call their getToken for a new token before reconnecting. */
  tokenExpired: { code: 109, message: "token expired" },
} as const;

/**
 * WebSocket close codes, as Centrifuge defines them: below 3500 the client reconnects,
 * from 3500 on it stays disconnected.
 */
export const closeCodes = {
  shutdown: { code: 3001, reason: "shutdown" },
  /** The session's token was invalidated: the client reconnects, is told its token expired, and fetches a new one. */
  expired: { code: 3005, reason: "connection expired" },
  /** Connect failed on the server's side (an unexpected error, not a refusal): the client tries again. */
  serverError: { code: 3004, reason: "internal server error" },
  slow: { code: 3008, reason: "slow" },
  /** This node may have missed publications (its bus connection was lost): the client reconnects and catches up. */
  insufficientState: { code: 3010, reason: "insufficient state" },
  noPong: { code: 3012, reason: "no pong" },
  invalidToken: { code: 3500, reason: "invalid token" },
  badRequest: { code: 3501, reason: "bad request" },
  stale: { code: 3502, reason: "stale" },
  /** The user is banned: the client stays disconnected. */
  banned: { code: 3503, reason: "banned" },
  /** A newer login of the user took this session's place (one per platform category): the client stays disconnected. */
  kicked: { code: 4501, reason: "signed in on another device" },
  /** The client signed out (the session.logout RPC): it stays disconnected. */
  loggedOut: { code: 4502, reason: "logged out" },
  /** An operator ended the user's sessions (console): the client stays disconnected until the user acts. */
  kickedByOperator: { code: 4503, reason: "disconnected by the operator" },
} as const;
export type CloseReason = { code: number; reason: string };

/** Every user has one server-side subscription that carries everything addressed to them. */
export const personalChannel = (userId: string) => `personal:${userId}`;

/** A publication frame, built around data that was serialized once for all recipients. */
export function publicationFrame(channel: string, data: string): string {
  return `{"push":{"channel":${JSON.stringify(channel)},"pub":{"data":${data}}}}`;
}
