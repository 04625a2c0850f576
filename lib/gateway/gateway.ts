import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { type BusMessage, getBus, topics } from "../bus";
import { describeError, log } from "../log";
import { ClientSession, gatewayLimits, type SessionHost } from "./client-session";
import { type CloseReason, closeCodes, personalChannel, publicationFrame } from "./protocol";

export const gatewayPath = "/connection/websocket";

type UserSessions = { sessions: Set<ClientSession>; unsubscribe: () => void };

/**
 * The WebSocket gateway: accepts upgrades on `gatewayPath` only, keeps the sessions of
 * this node per user, and delivers what the bus carries for those users.
 */
export function createGateway() {
  const wss = new WebSocketServer({ noServer: true, maxPayload: gatewayLimits.maxFrameBytes });
  const users = new Map<string, UserSessions>();
  const allSessions = new Set<ClientSession>();
  let accepting = true;

  const host: SessionHost = {
    get acceptingCommands() {
      return accepting;
    },
    register(session) {
      const { appId, userId } = session.user!;
      const key = topics.user(appId, userId);
      let entry = users.get(key);
      if (!entry) {
        const sessions = new Set<ClientSession>();
        const unsubscribe = getBus().subscribe(key, (message) => deliver(userId, sessions, message));
        users.set(key, (entry = { sessions, unsubscribe }));
      }
      entry.sessions.add(session);
      void trackPresence(session);
    },
    unregister(session) {
      allSessions.delete(session);
      if (!session.user) return;
      void untrackPresence(session);
      const key = topics.user(session.user.appId, session.user.userId);
      const entry = users.get(key);
      if (!entry?.sessions.delete(session) || entry.sessions.size > 0) return;
      entry.unsubscribe();
      users.delete(key);
    },
  };

  // A session's presence lives a minute unless refreshed: the entries of a node that died expire.
  const presenceTtlMs = 60_000;
  const presenceKey = (session: ClientSession) => topics.presence(session.user!.appId, session.user!.userId);
  const trackPresence = (session: ClientSession) =>
    getBus().setPresence(presenceKey(session), session.id, presenceTtlMs).catch((error) => log.warn("presence update failed", describeError(error)));
  const untrackPresence = (session: ClientSession) =>
    getBus().clearPresence(presenceKey(session), session.id).catch((error) => log.warn("presence update failed", describeError(error)));
  const presenceRefresher = setInterval(() => {
    for (const session of allSessions) if (session.user && session.isOpen) void trackPresence(session);
  }, presenceTtlMs / 3);
  presenceRefresher.unref();

  const pinger = setInterval(() => {
    const silentSince = Date.now() - 2 * gatewayLimits.pingIntervalSeconds * 1000;
    for (const session of allSessions) {
      if (session.lastActivity < silentSince) session.close(closeCodes.noPong);
      else if (session.user) session.send("{}");
    }
  }, gatewayLimits.pingIntervalSeconds * 1000);
  pinger.unref();

  return {
    /** Whether this upgrade request is the gateway's; others (e.g. Next's HMR) are left alone. */
    handles(request: IncomingMessage): boolean {
      return new URL(request.url ?? "/", "http://localhost").pathname === gatewayPath;
    },

    upgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
      if (!accepting) {
        socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n");
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => allSessions.add(new ClientSession(ws, host)));
    },

    /** Sessions connected to this node. */
    get sessionCount() {
      return allSessions.size;
    },

    /**
     * Stops taking commands, lets running RPCs answer (up to `timeoutMs`), then closes
     * every socket with the code that makes clients reconnect elsewhere.
     */
    async close(timeoutMs = 5000) {
      accepting = false;
      clearInterval(pinger);
      clearInterval(presenceRefresher);
      const deadline = Date.now() + timeoutMs;
      while ([...allSessions].some((session) => session.inflight > 0) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      for (const session of allSessions) session.close(closeCodes.shutdown);
      for (const { unsubscribe } of users.values()) unsubscribe();
      users.clear();
      wss.close();
    },
  };
}

const disconnectCloseCodes: Record<Extract<BusMessage, { type: "disconnect" }>["reason"], CloseReason> = {
  tokensExpired: closeCodes.expired,
  banned: closeCodes.banned,
  deleted: closeCodes.invalidToken,
  kicked: closeCodes.kicked,
};

function deliver(userId: string, sessions: Set<ClientSession>, message: BusMessage) {
  if (message.type === "publication") {
    const frame = publicationFrame(personalChannel(userId), message.data);
    for (const session of sessions) if (session.id !== message.exceptSessionId) session.send(frame);
  } else if (message.type === "disconnect") {
    for (const session of [...sessions]) {
      if (message.tokensIssuedBefore !== undefined && session.user!.issuedAt >= message.tokensIssuedBefore) continue;
      session.close(disconnectCloseCodes[message.reason]);
    }
  }
}

export type Gateway = ReturnType<typeof createGateway>;
