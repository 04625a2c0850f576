import { type BusMessage, getBus, topics } from "../bus";
import { markActive } from "../chat/base/analytics/active-users";
import { connectionClosed, connectionOpened } from "../chat/base/analytics/connection-counts";
import { findListenedChannelKeys } from "../chat/messages/listened-channels";
import { recordLiveDelivery } from "../chat/base/messages/single-device-delivery";
import { touchParticipants } from "../chat/products/open-channels";
import { coalesceReads } from "../chat/base/coalesce-reads";
import { clearPresence, findPresenceEntries, kickReplacedSessions, presenceTtlMs, setPresence } from "../chat/products/sessions";
import { enqueueWebhookEvent } from "../chat/base/webhooks/enqueue-webhook-event";
import { describeError, log } from "../log";
import { ClientSession, type SessionHost } from "./client-session";
import { Hub, type HubUser } from "./hub";
import { SessionClock } from "./session-clock";
import { type CloseReason, closeCodes } from "./protocol";
import type { SessionTransport } from "./transport";
import { startWillKeeping } from "./wills";
import { AddressLimits } from "./address-limits";

const participantRefreshMs = 5 * 60_000;
const presenceRefreshBatch = 500;

/** What each connecting user listens to: the users connecting in one turn of the event loop are read together. */
const findListenedChannelKeysOf = coalesceReads((appId, userIds) => findListenedChannelKeys({ appId, userIds }));

/**
 * This node of the gateway, whatever transport carries its sessions: it registers sessions
 * in the hub once connected, listens on the bus to what concerns their users (their personal
 * topic, the topics of their groups and channels, their app's broadcasts) and hands it to the
 * hub, keeps their presence on the bus, pings them, and makes them reconnect when the bus lost
 * publications. A group message thus costs one bus message per node and one frame per online member.
 */
export function createNode() {
  const hub = new Hub();
  const clock = new SessionClock(hub.sessions);
  let accepting = true;

  // Two bus handlers for every topic of this node, not a closure per topic: what arrives on a
  // user's own topic is theirs; what arrives on another goes to the users listening to it.
  function onUserTopic(message: BusMessage, topic: string) {
    const user = hub.user(topic);
    if (user) deliverUnlessExcepted(user, message);
  }

  function onSharedTopic(message: BusMessage, topic: string) {
    for (const listener of hub.listenersOf(topic)) deliverUnlessExcepted(listener, message);
  }

  function deliverUnlessExcepted(user: HubUser, message: BusMessage) {
    if (!(message.type === "publication" && message.exceptUserId === user.userId)) deliver(user, message);
  }

  function listen(user: HubUser, topic: string) {
    if (hub.listen(user, topic)) getBus().subscribe(topic, onSharedTopic);
  }

  function unlisten(user: HubUser, topic: string) {
    if (hub.unlisten(user, topic)) getBus().unsubscribe(topic, onSharedTopic);
  }

  function deliver(user: HubUser, message: BusMessage) {
    if (message.type === "publication") return hub.publish(user, message);
    if (message.type === "disconnect") return hub.disconnect(user, disconnectCloseCodes[message.reason], (session) => isDisconnected(session, message));
    if (message.type !== "membership") return;
    for (const channelKey of message.channelKeys) {
      if (message.joined) listen(user, topics.channel(channelKey));
      else unlisten(user, topics.channel(channelKey));
    }
  }

  /** Files the session under its user; a user new to this node starts listening to its topics. */
  function openUser(session: ClientSession): HubUser {
    const { appId, userId } = session.user!;
    const key = topics.user(appId, userId);
    const { user, isNew } = hub.attach(session, key);
    if (!isNew) return user;
    getBus().subscribe(key, onUserTopic);
    listen(user, topics.app(appId));
    // Dropped once settled: a node keeps nothing per user that it does not need.
    user.ready = findListenedChannelKeysOf(appId, userId).then((channelKeys = []) => {
      if (hub.user(key) !== user) return;
      for (const channelKey of channelKeys) deliver(user, { type: "membership", channelKeys: [channelKey], joined: true });
      user.ready = null;
    });
    return user;
  }

  /** Database writes of closing sessions under way: shutdown waits for them before the database closes. */
  const pendingUpdates = new Set<Promise<void>>();

  /** Users who left this node in this turn of the event loop: their open-channel participations are touched together. */
  let leftUsers = new Map<string, string[]>();

  function closeUser(user: HubUser) {
    getBus().unsubscribe(user.key, onUserTopic);
    for (const topic of hub.remove(user)) getBus().unsubscribe(topic, onSharedTopic);
    // The 30 minutes after which an open-channel participant has left start now.
    if (leftUsers.size === 0) trackUpdate(new Promise<void>((resolve) => setImmediate(resolve)).then(touchLeftUsers));
    addByApp(leftUsers, user);
  }

  function touchLeftUsers() {
    const left = leftUsers;
    leftUsers = new Map();
    return touchParticipantsByApp(left);
  }

  function trackUpdate(update: Promise<void>) {
    const tracked = update.finally(() => pendingUpdates.delete(tracked));
    pendingUpdates.add(tracked);
  }

  /** Connections not yet authenticated, which count against their address's limit. */
  const addressLimits = new AddressLimits();
  const unauthenticated = new Set<ClientSession>();
  const settleAddress = (session: ClientSession) => unauthenticated.delete(session) && addressLimits.settle(session.clientIp);

  const host: SessionHost = {
    get acceptingCommands() {
      return accepting;
    },
    track: trackUpdate,
    async register(session) {
      settleAddress(session);
      const { appId, userId } = session.user!;
      // Counted before any wait: unregister uncounts every session with a connectedAt.
      connectionOpened(appId);
      markActive(appId, userId);
      await (openUser(session).ready ?? undefined);
      await trackPresence(session);
      const present = await findPresenceEntries({ appId, userId }).catch((error) => (log.warn("presence read failed", describeError(error)), [session.presenceEntry]));
      if (!session.multiDeviceSync && present.length > 1) await recordLiveDelivery({ appId, userId, until: new Date() });
      await kickReplacedSessions({ appId, userId, session, present }).catch((error) => log.warn("session limit check failed", describeError(error)));
      await reportConnectionStatus(session, "connected");
    },
    unregister(session) {
      settleAddress(session);
      const user = hub.detach(session, session.user && topics.user(session.user.appId, session.user.userId));
      if (!session.user) return;
      void untrackPresence(session);
      if (session.connectedAt > 0) {
        connectionClosed(session.user.appId);
        trackUpdate(reportConnectionStatus(session, "disconnected"));
      }
      if (!session.multiDeviceSync && session.connectedAt > 0) void recordLiveDelivery({ ...session.user, until: new Date() });
      if (user) closeUser(user);
    },
  };

  const presenceOf = (session: ClientSession) => ({ appId: session.user!.appId, userId: session.user!.userId, entry: session.presenceEntry });
  const trackPresence = (session: ClientSession) => setPresence(presenceOf(session)).catch((error) => log.warn("presence update failed", describeError(error)));
  const untrackPresence = (session: ClientSession) => clearPresence(presenceOf(session)).catch((error) => log.warn("presence update failed", describeError(error)));
  const presenceRefresher = setInterval(() => void refreshPresence(), presenceTtlMs / 3);
  presenceRefresher.unref();
  let refreshingPresence = false;

  /**
   * Renews the presence of every connected session, a few hundred at a time: refreshing
   * 19,000 at once held as many bus commands in flight, whose garbage outlived the young
   * generation and stayed in the process's memory (measured on Redis).
   */
  async function refreshPresence() {
    if (refreshingPresence) return;
    refreshingPresence = true;
    try {
      const sessions = [...hub.sessions].filter((session) => session.user && session.isOpen);
      for (let start = 0; start < sessions.length; start += presenceRefreshBatch) await Promise.all(sessions.slice(start, start + presenceRefreshBatch).map(trackPresence));
    } finally {
      refreshingPresence = false;
    }
  }

  // Connected users stay in their open channels; the sweeper removes those silent for 30 minutes.
  const participantRefresher = setInterval(() => {
    const byApp = new Map<string, string[]>();
    for (const user of hub.allUsers()) addByApp(byApp, user);
    void touchParticipantsByApp(byApp);
  }, participantRefreshMs);
  participantRefresher.unref();

  const willKeeping = startWillKeeping();

  // Publications and membership changes of the bus's outage never reached this node: its
  // clients reconnect, listen afresh and catch up from the database.
  const stopResync = getBus().onReconnect(() => {
    log.warn("bus connection restored: clients reconnect to catch up", { sessions: hub.sessions.size });
    for (const session of hub.sessions) session.close(closeCodes.insufficientState);
  });

  return {
    /** Whether a new connection from `clientIp` is within its address's limits (address-limits.ts). */
    admits: (clientIp: string) => addressLimits.admit(clientIp),

    /** A new connection: the session speaks the protocol over `transport`, which feeds it what arrives. */
    accept(transport: SessionTransport, clientIp: string): ClientSession {
      const session = new ClientSession(transport, host, clientIp);
      unauthenticated.add(session);
      addressLimits.open(clientIp);
      hub.accept(session);
      clock.admit(session);
      return session;
    },

    /** False once shutdown began: new connections are refused. */
    get accepting() {
      return accepting;
    },

    /** Sessions connected to this node. */
    get sessionCount() {
      return hub.sessions.size;
    },

    /** Authenticated sessions by the platform category each named: counted when metrics are scraped. */
    connectionsByPlatform(): Map<string, number> {
      const counts = new Map<string, number>();
      for (const session of hub.sessions) if (session.user) counts.set(session.platform, (counts.get(session.platform) ?? 0) + 1);
      return counts;
    },

    /**
     * Stops taking commands, lets running RPCs answer (up to `timeoutMs`), then closes
     * every session with the code that makes clients reconnect elsewhere.
     */
    async close(timeoutMs = 5000) {
      accepting = false;
      clock.stop();
      clearInterval(presenceRefresher);
      clearInterval(participantRefresher);
      stopResync();
      const deadline = Date.now() + timeoutMs;
      while ([...hub.sessions].some((session) => session.inflight > 0) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      for (const session of hub.sessions) session.close(closeCodes.shutdown);
      for (const user of [...hub.allUsers()]) closeUser(user);
      await Promise.all(pendingUpdates);
      await willKeeping.stop();
    },
  };
}

export type GatewayNode = ReturnType<typeof createNode>;

/** Files a user's id under their app. */
function addByApp(byApp: Map<string, string[]>, user: HubUser) {
  const userIds = byApp.get(user.appId);
  if (userIds) userIds.push(user.userId);
  else byApp.set(user.appId, [user.userId]);
}

/** Marks these users (by app) present in their open channels now; a failure is logged, not thrown. */
async function touchParticipantsByApp(byApp: Map<string, string[]>) {
  await Promise.all([...byApp].map(([appId, userIds]) => touchParticipants({ appId, userIds }).catch((error) => log.warn("participant update failed", describeError(error)))));
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

/** Whether a disconnect from the bus concerns this session: all the user's, or those of older tokens, or those named. */
function isDisconnected(session: ClientSession, message: Extract<BusMessage, { type: "disconnect" }>): boolean {
  if (message.tokensIssuedBefore !== undefined && session.user!.issuedAt >= message.tokensIssuedBefore) return false;
  return !message.sessionIds || message.sessionIds.includes(session.id);
}
