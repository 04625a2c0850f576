import { z } from "zod";

/**
 * Everything that crosses the bus. Drivers that leave the process (Redis) parse
 * incoming messages with this schema; in-process delivery passes the objects as they are.
 */
export const busMessageSchema = z.discriminatedUnion("type", [
  z.object({
    /** A publication for a user's personal subscription; `data` is JSON text, serialized once per message. */
    type: z.literal("publication"),
    data: z.string(),
    /** The session that sent it, which has the message in its RPC reply already. */
    exceptSessionId: z.string().optional(),
    /** On a channel topic: a user none of whose sessions get it (a server send without echo to its sender). */
    exceptUserId: z.string().optional(),
  }),
  z.object({
    /** Close the user's sessions, e.g. after a ban or token invalidation. */
    type: z.literal("disconnect"),
    /** Why; the gateway turns it into the protocol's close code. */
    reason: z.enum(["tokensExpired", "banned", "deleted", "kicked", "kickedByOperator"]),
    /** Only the sessions authenticated with a token issued before this instant (Unix ms). */
    tokensIssuedBefore: z.number().optional(),
    /** Only these sessions (a newer login took their place). */
    sessionIds: z.array(z.string()).optional(),
  }),
  z.object({
    /**
     * On a user topic: the user joined or left group channels. Nodes with the user's
     * sessions start or stop listening to those channels' topics.
     */
    type: z.literal("membership"),
    channelKeys: z.array(z.string()),
    joined: z.boolean(),
  }),
  z.object({
    /** Drop a cached entry on every node. */
    type: z.literal("invalidate"),
    cache: z.string(),
    key: z.string(),
  }),
]);

export type BusMessage = z.infer<typeof busMessageSchema>;
/** Receives the messages of the topics it subscribed to, and the topic of each: one handler may serve many topics. */
export type BusHandler = (message: BusMessage, topic: string) => void;

/** A topic's handlers with `handler` added (once): a new array, as a delivery may be running over the old one. */
export function addHandler(current: readonly BusHandler[] | undefined, handler: BusHandler): readonly BusHandler[] {
  if (!current) return [handler];
  return current.includes(handler) ? current : [...current, handler];
}

/** A topic's handlers without `handler`; undefined when none remains. */
export function removeHandler(current: readonly BusHandler[] | undefined, handler: BusHandler): readonly BusHandler[] | undefined {
  const remaining = current?.filter((candidate) => candidate !== handler);
  return remaining && remaining.length > 0 ? remaining : undefined;
}

export interface Bus {
  readonly driver: "memory" | "redis";
  publish(topic: string, message: BusMessage): Promise<void>;
  /**
   * Hands `handler` what is published on `topic` from now on, until `unsubscribe` with the same
   * handler. A node subscribes a topic per connected user: one shared handler keeps that cheap.
   */
  subscribe(topic: string, handler: BusHandler): void;
  unsubscribe(topic: string, handler: BusHandler): void;
  /**
   * Calls `handler` each time the bus has its subscriptions back after losing its
   * connection: what was published meanwhile never arrived here, so whoever relies on
   * publications must recover from the database. Returns the function that stops it.
   */
  onReconnect(handler: () => void): () => void;
  /**
   * Rate limits shared by every node: `key` has a counter in the current window of each of
   * `windows` (fixed windows from the epoch, so a day starts at 00:00 UTC). When `cost` fits
   * under every limit it is added to each counter; otherwise nothing is added, and the
   * answer names the first window without room.
   */
  consumeRate(key: string, cost: number, windows: readonly RateWindow[]): Promise<RateAnswer>;
  /** True for the first caller of `key` within `ttlMs`, on any node (replay protection). */
  claimOnce(key: string, ttlMs: number): Promise<boolean>;
  /** Records (or refreshes) that `member` is present under `key` for the next `ttlMs`: a dead node's entries expire. */
  setPresence(key: string, member: string, ttlMs: number): Promise<void>;
  clearPresence(key: string, member: string): Promise<void>;
  /** The members present under `key`, across nodes. */
  listPresence(key: string): Promise<string[]>;
  /** For each key, whether any member is present under it: one round trip for many users. */
  anyPresent(keys: string[]): Promise<boolean[]>;
  /** Resolves when the bus can carry publications now (Redis: both connections up, a PING answered); rejects saying why not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const topics = {
  /** The sessions of one user, wherever they are connected. */
  user: (appId: string, userId: string) => `user:${appId}:${userId}`,
  /**
   * A group channel's live messages; nodes listen while one of its members is connected
   * to them, so delivery costs per online member, not per member.
   */
  channel: (channelKey: string) => `channel:${channelKey}`,
  /** Everything for every connected user of an app (broadcasts). */
  app: (appId: string) => `app:${appId}`,
  caches: "caches",
  /** Presence key of one user: their sessions on every node. */
  presence: (appId: string, userId: string) => `presence:${appId}:${userId}`,
};

export type RateWindow = { limit: number; ms: number };
export type RateAnswer = { allowed: true } | { allowed: false; window: RateWindow };

/** When the current window of `windowMs` ends, from the epoch. */
export const rateWindowEnd = (windowMs: number, now = Date.now()) => (Math.floor(now / windowMs) + 1) * windowMs;
