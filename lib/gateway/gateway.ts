import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { type BusMessage, getBus, topics } from "../bus";
import { markActive } from "../chat/base/analytics/active-users";
import { connectionClosed, connectionOpened } from "../chat/base/analytics/connection-counts";
import { findListenedChannelKeys } from "../chat/messages/listened-channels";
import { recordLiveDelivery } from "../chat/base/messages/single-device-delivery";
import { findOpenChannelKeys, touchParticipants } from "../chat/products/open-channels";
import { enqueueWebhookEvent } from "../chat/base/webhooks/enqueue-webhook-event";
import { describeError, log } from "../log";
import { ClientSession, gatewayLimits, type SessionHost } from "./client-session";
import { type CloseReason, closeCodes, personalChannel, publicationFrame } from "./protocol";
import { sessionsToKick } from "./session-limits";

export const gatewayPath = "/connection/websocket";
const participantRefreshMs = 5 * 60_000;

/** The sessions of one user on this node, and the channels (groups, communities, private subchannels) this node listens to for them. */
type UserEntry = { userId: string; appId: string; sessions: Set<ClientSession>; channelKeys: Set<string>; ready: Promise<void>; unsubscribe: () => void };
/** Local listeners of one topic shared by several users (a group channel, an app). */
type SharedTopic = { userKeys: Set<string>; unsubscribe: () => void };

/**
 * The WebSocket gateway: accepts upgrades on `gatewayPath` only, keeps the sessions of
 * this node per user, and delivers what the bus carries for them: their personal topic,
 * the topics of their groups, and their app's broadcasts. A group message thus costs one
 * bus message per node and one frame per online member.
 */
export function createGateway() {
  const wss = new WebSocketServer({ noServer: true, maxPayload: gatewayLimits.maxFrameBytes });
  const users = new Map<string, UserEntry>();
  const channels = new Map<string, SharedTopic>();
  const apps = new Map<string, SharedTopic>();
  const allSessions = new Set<ClientSession>();
  let accepting = true;

  function listen(shared: Map<string, SharedTopic>, topic: string, key: string, userKey: string) {
    let entry = shared.get(key);
    if (!entry) {
      const userKeys = new Set<string>();
      const unsubscribe = getBus().subscribe(topic, (message) => {
        for (const member of userKeys) {
          const user = users.get(member);
          if (user && !(message.type === "publication" && message.exceptUserId === user.userId)) deliver(user, message);
        }
      });
      shared.set(key, (entry = { userKeys, unsubscribe }));
    }
    entry.userKeys.add(userKey);
  }

  function unlisten(shared: Map<string, SharedTopic>, key: string, userKey: string) {
    const entry = shared.get(key);
    if (!entry?.userKeys.delete(userKey) || entry.userKeys.size > 0) return;
    entry.unsubscribe();
    shared.delete(key);
  }

  function deliver(user: UserEntry, message: BusMessage) {
    if (message.type === "publication") return deliverPublication(user, message);
    if (message.type === "disconnect") return disconnect(user, message);
    if (message.type !== "membership") return;
    const userKey = topics.user(user.appId, user.userId);
    for (const channelKey of message.channelKeys) {
      if (message.joined && !user.channelKeys.has(channelKey)) listen(channels, topics.channel(channelKey), channelKey, userKey);
      if (!message.joined && user.channelKeys.has(channelKey)) unlisten(channels, channelKey, userKey);
      if (message.joined) user.channelKeys.add(channelKey);
      else user.channelKeys.delete(channelKey);
    }
  }

  function openUserEntry(appId: string, userId: string): UserEntry {
    const key = topics.user(appId, userId);
    const existing = users.get(key);
    if (existing) return existing;
    const entry: UserEntry = { appId, userId, sessions: new Set(), channelKeys: new Set(), ready: Promise.resolve(), unsubscribe: () => {} };
    users.set(key, entry);
    entry.unsubscribe = getBus().subscribe(key, (message) => deliver(entry, message));
    listen(apps, topics.app(appId), appId, key);
    entry.ready = Promise.all([findListenedChannelKeys({ appId, userId }), findOpenChannelKeys({ appId, userId })]).then((found) => {
      const channelKeys = found.flat();
      if (users.get(key) !== entry) return;
      for (const channelKey of channelKeys) deliver(entry, { type: "membership", channelKeys: [channelKey], joined: true });
    });
    return entry;
  }

  /** Database writes of closing sessions under way: shutdown waits for them before the database closes. */
  const pendingUpdates = new Set<Promise<void>>();

  function closeUserEntry(entry: UserEntry) {
    const key = topics.user(entry.appId, entry.userId);
    entry.unsubscribe();
    unlisten(apps, entry.appId, key);
    for (const channelKey of entry.channelKeys) unlisten(channels, channelKey, key);
    users.delete(key);
    // The 30 minutes after which an open-channel participant has left start now.
    trackUpdate(touchParticipants({ appId: entry.appId, userIds: [entry.userId] }).catch((error) => log.warn("participant update failed", describeError(error))));
  }

  function trackUpdate(update: Promise<void>) {
    const tracked = update.finally(() => pendingUpdates.delete(tracked));
    pendingUpdates.add(tracked);
  }

  const host: SessionHost = {
    get acceptingCommands() {
      return accepting;
    },
    track: trackUpdate,
    async register(session) {
      const { appId, userId } = session.user!;
      // Counted before any wait: unregister uncounts every session with a connectedAt.
      connectionOpened(appId);
      markActive(appId, userId);
      const entry = openUserEntry(appId, userId);
      entry.sessions.add(session);
      await entry.ready;
      await trackPresence(session);
      const present = await getBus()
        .listPresence(presenceKey(session))
        .catch((error) => (log.warn("presence read failed", describeError(error)), [session.presenceEntry]));
      if (!session.multiDeviceSync && present.length > 1) await recordLiveDelivery({ appId, userId, until: new Date() });
      await kickReplacedSessions(session, present);
      await reportConnectionStatus(session, "connected");
    },
    unregister(session) {
      allSessions.delete(session);
      if (!session.user) return;
      void untrackPresence(session);
      if (session.connectedAt > 0) {
        connectionClosed(session.user.appId);
        trackUpdate(reportConnectionStatus(session, "disconnected"));
      }
      if (!session.multiDeviceSync && session.connectedAt > 0) void recordLiveDelivery({ ...session.user, until: new Date() });
      const entry = users.get(topics.user(session.user.appId, session.user.userId));
      if (!entry?.sessions.delete(session) || entry.sessions.size > 0) return;
      closeUserEntry(entry);
    },
  };

  // A session's presence lives a minute unless refreshed: the entries of a node that died expire.
  const presenceTtlMs = 60_000;
  const presenceKey = (session: ClientSession) => topics.presence(session.user!.appId, session.user!.userId);
  const trackPresence = (session: ClientSession) =>
    getBus().setPresence(presenceKey(session), session.presenceEntry, presenceTtlMs).catch((error) => log.warn("presence update failed", describeError(error)));
  const untrackPresence = (session: ClientSession) =>
    getBus().clearPresence(presenceKey(session), session.presenceEntry).catch((error) => log.warn("presence update failed", describeError(error)));
  const presenceRefresher = setInterval(() => {
    for (const session of allSessions) if (session.user && session.isOpen) void trackPresence(session);
  }, presenceTtlMs / 3);
  presenceRefresher.unref();

  /** Closes the user's older sessions of the same platform category beyond what the app allows, on any node. */
  async function kickReplacedSessions(session: ClientSession, present: string[]) {
    try {
      const sessionIds = sessionsToKick(present, session);
      if (sessionIds.length === 0) return;
      await getBus().publish(topics.user(session.user!.appId, session.user!.userId), { type: "disconnect", reason: "kicked", sessionIds });
    } catch (error) {
      log.warn("session limit check failed", describeError(error));
    }
  }

  // Connected users stay in their open channels; the sweeper removes those silent for 30 minutes.
  const participantRefresher = setInterval(() => {
    const byApp = new Map<string, string[]>();
    for (const entry of users.values()) byApp.set(entry.appId, [...(byApp.get(entry.appId) ?? []), entry.userId]);
    for (const [appId, userIds] of byApp) void touchParticipants({ appId, userIds }).catch((error) => log.warn("participant update failed", describeError(error)));
  }, participantRefreshMs);
  participantRefresher.unref();

  const pinger = setInterval(() => {
    const silentSince = Date.now() - 2 * gatewayLimits.pingIntervalSeconds * 1000;
    for (const session of allSessions) {
      if (session.lastActivity < silentSince) session.close(closeCodes.noPong);
      else if (session.user) session.send("{}");
    }
  }, gatewayLimits.pingIntervalSeconds * 1000);
  pinger.unref();

  // Publications and membership changes of the bus's outage never reached this node: its
  // clients reconnect, listen afresh and catch up from the database.
  const stopResync = getBus().onReconnect(() => {
    log.warn("bus connection restored: clients reconnect to catch up", { sessions: allSessions.size });
    for (const session of allSessions) session.close(closeCodes.insufficientState);
  });

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
      wss.handleUpgrade(request, socket, head, (ws) => allSessions.add(new ClientSession(ws, host, clientIpOf(request))));
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
      clearInterval(participantRefresher);
      stopResync();
      const deadline = Date.now() + timeoutMs;
      while ([...allSessions].some((session) => session.inflight > 0) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      for (const session of allSessions) session.close(closeCodes.shutdown);
      for (const entry of [...users.values()]) closeUserEntry(entry);
      await Promise.all(pendingUpdates);
      wss.close();
    },
  };
}

/** The client's address: the first X-Forwarded-For hop behind a proxy, else the socket's peer. */
function clientIpOf(request: IncomingMessage): string {
  const forwarded = request.headers["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return first || request.socket.remoteAddress || "";
}

/** The user:connection_status event of a session: status "0" connected, "1" disconnected (kicks included), "2" signed out. */
async function reportConnectionStatus(session: ClientSession, change: "connected" | "disconnected") {
  const { appId, userId } = session.user!;
  await enqueueWebhookEvent({
    appId,
    type: "user:connection_status",
    orderKey: `user:${userId}`,
    data: { userId, status: change === "connected" ? "0" : session.loggedOut ? "2" : "1", os: session.platform, time: Date.now(), clientIp: session.clientIp, sessionId: session.id },
  }).catch((error) => log.warn("connection status event not queued", describeError(error)));
}

const disconnectCloseCodes: Record<Extract<BusMessage, { type: "disconnect" }>["reason"], CloseReason> = {
  tokensExpired: closeCodes.expired,
  banned: closeCodes.banned,
  deleted: closeCodes.invalidToken,
  kicked: closeCodes.kicked,
  kickedByOperator: closeCodes.kickedByOperator,
};

/**
 * Sends a publication to the user's sessions on this node. Without multi-device sync a
 * message reaches one device only: the most recently connected one.
 */
function deliverPublication(user: UserEntry, message: Extract<BusMessage, { type: "publication" }>) {
  const frame = publicationFrame(personalChannel(user.userId), message.data);
  const sessions = [...user.sessions].filter((session) => session.id !== message.exceptSessionId && session.connectedAt > 0);
  const singleDevice = sessions.some((session) => !session.multiDeviceSync);
  const targets = singleDevice ? sessions.sort((a, b) => b.connectedAt - a.connectedAt).slice(0, 1) : sessions;
  for (const session of targets) session.send(frame);
}

function disconnect(user: UserEntry, message: Extract<BusMessage, { type: "disconnect" }>) {
  for (const session of [...user.sessions]) {
    if (message.tokensIssuedBefore !== undefined && session.user!.issuedAt >= message.tokensIssuedBefore) continue;
    if (message.sessionIds && !message.sessionIds.includes(session.id)) continue;
    session.close(disconnectCloseCodes[message.reason]);
  }
}

export type Gateway = ReturnType<typeof createGateway>;
