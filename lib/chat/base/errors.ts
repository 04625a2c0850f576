import type { z } from "zod";
import type { ErrorBody } from "../../contract";
import { isDatabaseUnreachable } from "../../db/errors";

/**
 * The one error type of the product. Every edge (Platform API, gateway, console API,
 * CLI) maps it through `errorTable`: the code travels unchanged to API clients and
 * to WebSocket clients as the RPC error code (Centrifuge reserves codes below 400).
 */
export const errorTable = {
  internal: { code: 1000, status: 500 },
  invalidParameter: { code: 1002, status: 400 },
  invalidBody: { code: 1003, status: 400 },
  signatureRejected: { code: 1004, status: 401 },
  payloadTooLarge: { code: 1005, status: 413 },
  rateLimited: { code: 1008, status: 429 },
  forbidden: { code: 1009, status: 403 },
  notFound: { code: 1010, status: 404 },
  conflict: { code: 1011, status: 409 },
  unprocessable: { code: 1012, status: 422 },
  /** A file download asked for bytes beyond the file's end (HTTP Range). */
  rangeNotSatisfiable: { code: 1002, status: 416 },
  tokenRejected: { code: 1014, status: 401 },
  tokenExpired: { code: 1016, status: 401 },
  signInRequired: { code: 1017, status: 401 },
  userBanned: { code: 1018, status: 403 },
  blockedByRecipient: { code: 1019, status: 403 },
  userLimitReached: { code: 1020, status: 403 },
  notFriends: { code: 1021, status: 403 },
  userMuted: { code: 1022, status: 403 },
  notMember: { code: 1023, status: 403 },
  /** The content holds a word of the app's profanity filter that blocks messages. */
  messageBlocked: { code: 1024, status: 422 },
  /** The group, community or open channel is frozen: only its allowed senders may send. */
  channelFrozen: { code: 1025, status: 403 },
  /** The app's pre-delivery hook refused the message (or could not be asked, and the app blocks then). */
  messageRejected: { code: 1026, status: 403 },
  /** The app requires its server's signature for this client operation, and it is missing, expired or wrong. */
  operationSignatureRejected: { code: 1027, status: 403 },
  /** The conversation was removed after the app's inactivity period (see lib/chat/products/conversations/remove-inactive-channels.ts). */
  channelRemoved: { code: 1029, status: 404 },
  /** A client did an operation (history queries, joins and leaves, logins) more often per minute than the app allows. */
  operationRateExceeded: { code: 1028, status: 429 },
  /** A client sent more than 5 messages in a second. */
  sendRateExceeded: { code: 20604, status: 429 },
  unavailable: { code: 1015, status: 503 },
} as const;

export type ErrorKind = keyof typeof errorTable;

export class ChatError extends Error {
  readonly kind: ErrorKind;
  /** When a refused call may succeed again (rate limits): HTTP edges answer it as Retry-After. */
  readonly retryAfterSeconds?: number;

  constructor(kind: ErrorKind, message: string, options: { retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = "ChatError";
    this.kind = kind;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get code(): number {
    return errorTable[this.kind].code;
  }

  get status(): number {
    return errorTable[this.kind].status;
  }
}

/** A ChatError naming the first field that failed validation and why, e.g. "userId: expected string". */
export function invalidInput(error: z.ZodError): ChatError {
  const issue = error.issues[0];
  const field = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  return new ChatError("invalidParameter", `${field}${issue?.message ?? "invalid input"}`);
}

/**
 * How deeply objects and arrays may nest in any input. Deeper input is refused before
 * anything walks it: JSON.parse takes 200,000 levels (400 KB of brackets), but a
 * recursive walk of them (a check, a serializer, a log) overflows the stack.
 */
export const maxInputDepth = 64;

/** Throws 1002 when `value` nests objects and arrays deeper than `maxInputDepth`: level by level, never recursively. */
export function checkInputDepth(value: unknown, what = "The input"): void {
  let level = isContainer(value) ? [value] : [];
  for (let depth = 1; level.length > 0; depth++) {
    if (depth > maxInputDepth) throw tooDeep(what);
    level = level.flatMap((container) => Object.values(container).filter(isContainer));
  }
}

const isContainer = (value: unknown): value is object => typeof value === "object" && value !== null;

const tooDeep = (what: string) => new ChatError("invalidParameter", `${what} nests objects and arrays more than ${maxInputDepth} levels deep`);

/**
 * JSON text taken from outside, parsed and held to `maxInputDepth` (`what` names it in
 * the error); `notJson` is the error for text that is not JSON.
 */
export function parseJsonInput(text: string, what: string, notJson: () => Error): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw notJson();
  }
  checkInputDepth(value, what);
  return value;
}

/** Parses `value` with `schema` or throws the ChatError of `invalidInput`. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const withNul = findNulCharacter(value, "", 1);
  if (withNul !== undefined) throw new ChatError("invalidParameter", `${withNul || "The input"} holds the NUL character (\\u0000), which no text may contain`);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

/**
 * Where the first string or key holding U+0000 is ("" for `value` itself): PostgreSQL
 * cannot store it in text. The same walk refuses input nested deeper than `maxInputDepth`
 * (`depth`: the level of `value`), so its recursion stays shallow.
 */
function findNulCharacter(value: unknown, path: string, depth: number): string | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? path : undefined;
  if (!value || typeof value !== "object") return undefined;
  if (depth > maxInputDepth) throw tooDeep("The input");
  for (const [key, item] of Object.entries(value)) {
    const itemPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (key.includes("\u0000")) return itemPath;
    const found = findNulCharacter(item, itemPath, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * What an edge answers for `error`: the ChatError itself; 1015 (retryable) for a database out
 * of reach; none for anything else, an internal error.
 */
export function knownError(error: unknown): ChatError | undefined {
  if (error instanceof ChatError) return error;
  if (isDatabaseUnreachable(error)) return new ChatError("unavailable", "The database cannot be reached at the moment: try again shortly");
  return undefined;
}

/** The contract's error body. Unknown errors become a generic 1000 so no internals leak. */
export function toErrorBody(error: unknown): { status: number; body: ErrorBody; retryAfterSeconds?: number } {
  const known = knownError(error);
  if (known) return { status: known.status, body: { code: known.code, errorMessage: known.message }, retryAfterSeconds: known.retryAfterSeconds };
  return { status: 500, body: { code: errorTable.internal.code, errorMessage: "Internal server error" } };
}
