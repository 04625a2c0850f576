import type { ClientSession } from "./client-session";
import { type CloseReason, personalChannel, publicationFrame } from "./protocol";

/** A user with connected sessions on this node, and the bus topics this node listens to for them. */
export type HubUser = {
  readonly appId: string;
  readonly userId: string;
  readonly sessions: Set<ClientSession>;
  /** Their personal topic, their app's, and those of their groups, communities and joined channels. */
  readonly topics: Set<string>;
  /** Settles once this node listens to every topic of the user that the database knows of. */
  ready: Promise<void>;
};

/**
 * Who is connected to this node: every session, the users of the connected ones, and which
 * users listen to which bus topics; and the fan-out of what arrives to their sessions. It
 * holds no subscription itself: `listen` and `unlisten` tell the node when a topic gains its
 * first listener or loses its last, and the node subscribes or unsubscribes on the bus.
 */
export class Hub {
  /** Every session of this node, from its first byte on (connected or not). */
  readonly sessions = new Set<ClientSession>();
  private readonly users = new Map<string, HubUser>();
  private readonly userOfSession = new Map<ClientSession, HubUser>();
  private readonly listeners = new Map<string, Set<HubUser>>();

  /** A new connection, before its connect command. */
  accept(session: ClientSession) {
    this.sessions.add(session);
  }

  /** Files a connecting session under its user (`key`: the user's topic); `isNew` when the user had no session here. */
  attach(session: ClientSession, key: string): { user: HubUser; isNew: boolean } {
    const { appId, userId } = session.user!;
    let user = this.users.get(key);
    const isNew = !user;
    if (!user) this.users.set(key, (user = { appId, userId, sessions: new Set(), topics: new Set(), ready: Promise.resolve() }));
    user.sessions.add(session);
    this.userOfSession.set(session, user);
    return { user, isNew };
  }

  /** Forgets a closed session; returns its user when that was the user's last session here. */
  detach(session: ClientSession): HubUser | undefined {
    this.sessions.delete(session);
    const user = this.userOfSession.get(session);
    this.userOfSession.delete(session);
    if (!user?.sessions.delete(session) || user.sessions.size > 0) return undefined;
    return user;
  }

  /** Forgets a user; the node stops listening to its topics (`unlisten`) first. */
  remove(key: string) {
    this.users.delete(key);
  }

  user(key: string): HubUser | undefined {
    return this.users.get(key);
  }

  allUsers(): IterableIterator<HubUser> {
    return this.users.values();
  }

  /** Makes the user listen to a topic; true when the topic had no listener on this node yet. */
  listen(user: HubUser, topic: string): boolean {
    user.topics.add(topic);
    let listening = this.listeners.get(topic);
    const first = !listening;
    if (!listening) this.listeners.set(topic, (listening = new Set()));
    listening.add(user);
    return first;
  }

  /** Stops the user listening to a topic; true when it was the topic's last listener on this node. */
  unlisten(user: HubUser, topic: string): boolean {
    user.topics.delete(topic);
    const listening = this.listeners.get(topic);
    if (!listening?.delete(user) || listening.size > 0) return false;
    this.listeners.delete(topic);
    return true;
  }

  /** The users listening to a topic: the live set, which a delivery that closes sessions may shrink. */
  listenersOf(topic: string): ReadonlySet<HubUser> {
    return this.listeners.get(topic) ?? new Set();
  }

  /**
   * Sends a publication to the user's connected sessions here, but the one that sent it.
   * Without multi-device sync a message reaches one device only: the most recently connected one.
   */
  publish(user: HubUser, publication: { data: string; exceptSessionId?: string }) {
    const frame = publicationFrame(personalChannel(user.userId), publication.data);
    const sessions = [...user.sessions].filter((session) => session.id !== publication.exceptSessionId && session.connectedAt > 0);
    const singleDevice = sessions.some((session) => !session.multiDeviceSync);
    const targets = singleDevice ? sessions.sort((a, b) => b.connectedAt - a.connectedAt).slice(0, 1) : sessions;
    for (const session of targets) session.send(frame);
  }

  /** Closes those of the user's sessions here that `which` picks. */
  disconnect(user: HubUser, reason: CloseReason, which: (session: ClientSession) => boolean) {
    for (const session of [...user.sessions]) if (which(session)) session.close(reason);
  }
}
