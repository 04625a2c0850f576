import { randomUUID } from "node:crypto";
import { type ChatError, errorTable, knownError } from "../chat/base/errors";
import { getAppSettings } from "../chat/base/apps/app-settings";
import { countClientOperation } from "../chat/products/operations";
import { authenticateAccessToken, type AuthenticatedUser } from "../chat/products/tokens";
import { env } from "../env";
import { describeError, log } from "../log";
import {
  type CloseReason,
  type Command,
  closeCodes,
  commandSchema,
  personalChannel,
  protocolErrors,
  unsupportedCommands,
} from "./protocol";
import { type ClientMessage, rpcMethods } from "./rpc-methods";
import { dropWill, keepWill, type KeptWill, type Platform, platformSchema, presenceEntry } from "../chat/products/sessions";
import { sendWill } from "./wills";
import type { SessionTransport } from "./transport";
import { metrics } from "../metrics";

export const gatewayLimits = {
  /** Largest inbound frame: a 128 KB message plus its envelope. */
  maxFrameBytes: 256 * 1024,
  /** Bytes a connection may have waiting to be sent before it is closed as a slow consumer. */
  maxBufferedBytes: 4 * 1024 * 1024,
  /** Seconds between server pings; a client silent for two intervals is closed (session-clock.ts). */
  pingIntervalSeconds: env.SWITCHBOARD_PING_INTERVAL_SECONDS,
  /** A connection must send its connect command within this time (session-clock.ts). */
  connectTimeoutMs: 10_000,
};

const serverVersion = "switchboard 0.1.0";

/** What a session needs from the gateway that owns it. */
export type SessionHost = {
  /** Resolves once the session receives everything addressed to its user. */
  register(session: ClientSession): Promise<void>;
  unregister(session: ClientSession): void;
  /** Work a closing session leaves behind (its will message): shutdown waits for it. */
  track(work: Promise<void>): void;
  readonly acceptingCommands: boolean;
};

/**
 * One connection speaking the Centrifuge protocol on behalf of one user: the protocol's
 * state machine (new, connecting, connected, closed) over any SessionTransport.
 * A node holds one per connection, idle for most of their lives: a session has no timer and
 * no closure of its own (the node's SessionClock keeps time for all), and its outbox exists
 * only while frames wait in it.
 */
export class ClientSession {
  readonly id = randomUUID();
  user: AuthenticatedUser | null = null;
  /** The platform category the client named when connecting (web when it named none). */
  platform: Platform = "web";
  /** When the connect succeeded (Unix ms); 0 before. */
  connectedAt = 0;
  /** The app's multi-device sync setting when the session connected. */
  multiDeviceSync = true;
  lastActivity = Date.now();
  /** RPCs started and not yet answered: shutdown waits for them. */
  inflight = 0;
  /** The client signed out rather than just going away: its connection status is "2". */
  loggedOut = false;
  /** What the client asked to be sent for it should its connection be lost (`will.set`): never after a clean close. */
  private will: KeptWill | null = null;
  private state: "new" | "connecting" | "connected" | "closed" = "new";
  /** Whether a connect command got past its checks, even one refused later: the connect deadline no longer applies. */
  private connectStarted = false;
  /** Frames of this turn of the event loop, sent together by `flush`; null when none waits. */
  private outbox: string[] | null = null;
  private outboxChars = 0;

  constructor(
    private readonly transport: SessionTransport,
    private readonly host: SessionHost,
    /** The client's address, as the connection-status events report it. */
    readonly clientIp: string,
  ) {}

  get isOpen(): boolean {
    return this.state !== "closed";
  }

  get presenceEntry(): string {
    return presenceEntry(this);
  }

  /** Sends a frame, closing the connection instead when the client does not keep up. */
  send(frame: string) {
    if (this.state === "closed") return;
    if (this.transport.bufferedBytes + this.outboxChars > gatewayLimits.maxBufferedBytes) return this.close(closeCodes.slow);
    if (this.outbox) this.outbox.push(frame);
    else {
      this.outbox = [frame];
      if (ClientSession.flushing.push(this) === 1) setImmediate(ClientSession.flushAll);
    }
    this.outboxChars += frame.length;
  }

  /** Sessions whose outbox filled this turn of the event loop: one setImmediate flushes them all. */
  private static flushing: ClientSession[] = [];

  private static flushAll() {
    const sessions = ClientSession.flushing;
    ClientSession.flushing = [];
    for (const session of sessions) session.flush();
  }

  /**
   * Sends the frames of this turn of the event loop as one WebSocket message, newline
   * separated as the protocol allows: a fan-out burst costs one socket write per session,
   * not one per publication.
   */
  private flush() {
    const frames = this.outbox;
    if (!frames || this.state === "closed") return;
    this.outbox = null;
    this.outboxChars = 0;
    this.transport.send(frames.length === 1 ? frames[0]! : frames.join("\n"));
  }

  /**
   * The node's clock calls this `gatewayLimits.connectTimeoutMs` after the connection opened:
   * a connection that sent no connect command by then is closed as stale (3502).
   */
  connectDeadlinePassed() {
    if (this.state === "new" && !this.connectStarted) this.close(closeCodes.stale);
  }

  close(reason: CloseReason) {
    if (this.state === "closed") return;
    // What was sent before the close goes first.
    this.flush();
    this.transport.close(reason);
    // A client that stopped answering pings is as lost as one whose network went away.
    this.transportClosed({ lost: reason === closeCodes.noPong });
  }

  /**
   * The transport's end, from either side: `lost` when the client vanished without a close
   * (no close frame, or no pong), which sends its will message.
   */
  transportClosed(how: { lost: boolean }) {
    if (this.state === "closed") return;
    const wasConnected = this.state === "connected";
    this.state = "closed";
    this.outbox = null;
    if (this.will) this.host.track(this.settleWill(this.will, how.lost && wasConnected));
    this.host.unregister(this);
  }

  /** Keeps the will where every node can send it (wills.ts), or forgets it. */
  private async setWill(message: ClientMessage | null) {
    const kept = this.will;
    this.will = message && { sessionId: this.id, appId: this.user!.appId, userId: this.user!.userId, platform: this.platform, message: JSON.stringify(message) };
    if (this.will) await keepWill(this.will);
    else if (kept) await dropWill(this.id);
  }

  /** A closed session's will: sent when the connection was lost, else forgotten. */
  private async settleWill(will: KeptWill, lost: boolean) {
    try {
      await (lost ? sendWill(will) : dropWill(will.sessionId));
    } catch (error) {
      log.warn("will message not settled", { userId: will.userId, ...describeError(error) });
    }
  }

  /** One inbound message from the transport: one or more commands, one per line; null for a binary message. */
  receive(text: string | null) {
    this.lastActivity = Date.now();
    if (text === null) return this.close(closeCodes.badRequest);
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      const command = parseCommand(line);
      if (!command) return this.close(closeCodes.badRequest);
      void this.handle(command);
    }
  }

  private async handle(command: Command) {
    if (Object.keys(command).length === 0) return; // pong
    if (command.id === undefined) return this.close(closeCodes.badRequest);
    if (command.connect) return this.connect(command.id, command.connect.token, command.connect.data);
    if (this.state !== "connected") return this.close(closeCodes.badRequest);
    if (command.rpc) return this.rpc(command.id, command.rpc.method, command.rpc.data);
    if (unsupportedCommands.some((name) => name in command)) return this.replyError(command.id, protocolErrors.notAvailable);
    this.close(closeCodes.badRequest);
  }

  /** `data` is what the client passes with connect: `{ platform }`, its platform category. */
  private async connect(id: number, token: string | undefined, data: unknown) {
    if (this.state !== "new") return this.close(closeCodes.badRequest);
    const platform = platformSchema.optional().safeParse((data as { platform?: unknown } | undefined)?.platform);
    if (!platform.success) return this.close(closeCodes.badRequest);
    this.state = "connecting";
    this.connectStarted = true;
    this.platform = platform.data ?? "web";
    try {
      this.user = await authenticateAccessToken(token ?? "");
      await countClientOperation({ appId: this.user.appId, userId: this.user.userId, platform: this.platform, operation: "membership" });
      this.multiDeviceSync = (await getAppSettings(this.user.appId)).multiDeviceSync;
    } catch (error) {
      return this.refuseConnect(id, error);
    }
    if (this.state !== "connecting") return;
    this.connectedAt = Date.now();
    try {
      await this.host.register(this);
    } catch (error) {
      return this.refuseConnect(id, error);
    }
    if (this.state !== "connecting") return;
    this.state = "connected";
    this.reply(id, {
      connect: {
        client: this.id,
        version: serverVersion,
        subs: { [personalChannel(this.user.userId)]: {} },
        ping: gatewayLimits.pingIntervalSeconds,
        pong: true,
      },
    });
  }

  private refuseConnect(id: number, thrown: unknown) {
    const error = knownError(thrown);
    if (!error) {
      log.error("connect failed", describeError(thrown));
      return this.close(closeCodes.serverError);
    }
    if (error.kind === "userBanned") return this.close(closeCodes.banned);
    // A temporary refusal: Centrifuge clients try again after their backoff.
    if (error.kind === "operationRateExceeded" || error.kind === "unavailable") {
      this.state = "new";
      this.user = null;
      return this.replyError(id, { code: error.code, message: error.message, temporary: true });
    }
    if (error.kind !== "tokenExpired") return this.close(closeCodes.invalidToken);
    // The connect error after which Centrifuge clients fetch a new token; the socket stays usable for that retry.
    this.state = "new";
    this.replyError(id, protocolErrors.tokenExpired);
  }

  private async rpc(id: number, method: string, data: unknown) {
    if (method === "session.logout") return this.logout(id);
    const run = rpcMethods[method];
    if (!run) return this.replyError(id, protocolErrors.methodNotFound);
    if (!this.host.acceptingCommands) return this.replyError(id, { code: errorTable.unavailable.code, message: "The server is shutting down", temporary: true });
    this.inflight++;
    try {
      const context = { user: this.user!, sessionId: this.id, platform: this.platform, setWill: (will: ClientMessage | null) => this.setWill(will) };
      this.reply(id, { rpc: { data: await run(context, data) } });
      metrics.gatewayRpcs.inc({ method, result: "ok" });
    } catch (error) {
      const known = knownError(error);
      if (!known) log.error("rpc failed", { method, ...describeError(error) });
      const reply = replyErrorOf(known);
      this.replyError(id, reply);
      metrics.gatewayRpcs.inc({ method, result: String(reply.code) });
    } finally {
      this.inflight--;
    }
  }

  /** A sign-out ends the session from the server side, so the client does not reconnect. */
  private async logout(id: number) {
    try {
      await countClientOperation({ appId: this.user!.appId, userId: this.user!.userId, platform: this.platform, operation: "membership" });
    } catch (error) {
      return this.replyError(id, replyErrorOf(knownError(error)));
    }
    this.loggedOut = true;
    this.reply(id, { rpc: { data: { ok: true } } });
    this.close(closeCodes.loggedOut);
  }

  /** Replies go out at once (with anything queued before them): a sender waits on them. */
  private reply(id: number, result: Record<string, unknown>) {
    this.send(JSON.stringify({ id, ...result }));
    this.flush();
  }

  private replyError(id: number, error: { code: number; message: string; temporary?: boolean }) {
    this.reply(id, { error });
  }
}

function parseCommand(line: string): Command | null {
  try {
    const parsed = commandSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** An RPC's error reply: a ChatError's code (temporary when the database is out of reach), or the protocol's internal error. */
function replyErrorOf(error: ChatError | undefined): { code: number; message: string; temporary?: boolean } {
  if (!error) return { ...protocolErrors.internal, temporary: true };
  return { code: error.code, message: error.message, ...(error.kind === "unavailable" && { temporary: true }) };
}
