import type { ClientSession } from "./client-session";
import { type CloseReason, personalChannel, publicationFrame } from "./protocol";

/**
 * A user with connected sessions on this node, and the bus topics this node listens to for
 * them. Kept small, as a node holds one per connected user: arrays rather than sets (a user
 * has a session or a few; a topic is checked against the hub's listeners), made to size
 * (an array that grows from empty reserves 17 slots).
 */
export type HubUser = {
  readonly appId: string;
  readonly userId: string;
  /** Their own bus topic, under which the hub files them. */
  readonly key: string;
  sessions: ClientSession[];
  /** The other topics they listen to: their app's, and those of their groups, communities and joined channels. */
  topics: string[];
  /** Settles once this node listens to every topic of the user that the database knows of; null after. */
  ready: Promise<void> | null;
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
  /** Users by their own topic. */
  private readonly users = new Map<string, HubUser>();
  /** The users listening to each of the other topics, and the topic's name: users share that string. */
  private readonly listeners = new Map<string, { topic: string; users: Set<HubUser> }>();

  /** A new connection, before its connect command. */
  accept(session: ClientSession) {
    this.sessions.add(session);
  }

  /** Files a connecting session under its user (`key`: the user's topic); `isNew` when the user had no session here. */
  attach(session: ClientSession, key: string): { user: HubUser; isNew: boolean } {
    const { appId, userId } = session.user!;
    let user = this.users.get(key);
    const isNew = !user;
    if (user) user.sessions = [...user.sessions, session];
    else this.users.set(key, (user = { appId, userId, key, sessions: [session], topics: [], ready: null }));
    return { user, isNew };
  }

  /**
   * Forgets a closed session (`key`: its user's topic, if it authenticated); returns its user
   * when that was the user's last session here.
   */
  detach(session: ClientSession, key: string | null): HubUser | undefined {
    this.sessions.delete(session);
    const user = key === null ? undefined : this.users.get(key);
    if (!user?.sessions.includes(session)) return undefined;
    user.sessions = user.sessions.filter((other) => other !== session);
    return user.sessions.length === 0 ? user : undefined;
  }

  /** Forgets a user; returns the topics that lost their last listener here, which the node stops listening to. */
  remove(user: HubUser): string[] {
    if (this.users.get(user.key) === user) this.users.delete(user.key);
    const unheard = user.topics.filter((topic) => this.dropListener(user, topic));
    user.topics = [];
    return unheard;
  }

  user(key: string): HubUser | undefined {
    return this.users.get(key);
  }

  allUsers(): IterableIterator<HubUser> {
    return this.users.values();
  }

  /** Makes the user listen to a topic; true when the topic had no listener on this node yet. */
  listen(user: HubUser, topic: string): boolean {
    let listening = this.listeners.get(topic);
    if (listening?.users.has(user)) return false;
    const first = !listening;
    if (!listening) this.listeners.set(topic, (listening = { topic, users: new Set() }));
    listening.users.add(user);
    if (user.topics.length === 0) user.topics = [listening.topic];
    else user.topics.push(listening.topic);
    return first;
  }

  /** Stops the user listening to a topic; true when it was the topic's last listener on this node. */
  unlisten(user: HubUser, topic: string): boolean {
    if (!this.listeners.get(topic)?.users.has(user)) return false;
    user.topics = user.topics.filter((other) => other !== topic);
    return this.dropListener(user, topic);
  }

  private dropListener(user: HubUser, topic: string): boolean {
    const listening = this.listeners.get(topic);
    if (!listening?.users.delete(user) || listening.users.size > 0) return false;
    this.listeners.delete(topic);
    return true;
  }

  /** The users listening to a topic: the live set, which a delivery that closes sessions may shrink. */
  listenersOf(topic: string): ReadonlySet<HubUser> {
    return this.listeners.get(topic)?.users ?? noListeners;
  }

  /**
   * Sends a publication to the user's connected sessions here, but the one that sent it.
   * Without multi-device sync a message reaches one device only: the most recently connected one.
   */
  publish(user: HubUser, publication: { data: string; exceptSessionId?: string }) {
    const frame = publicationFrame(personalChannel(user.userId), publication.data);
    const sessions = user.sessions.filter((session) => session.id !== publication.exceptSessionId && session.connectedAt > 0);
    const singleDevice = sessions.some((session) => !session.multiDeviceSync);
    const targets = singleDevice ? sessions.sort((a, b) => b.connectedAt - a.connectedAt).slice(0, 1) : sessions;
    for (const session of targets) session.send(frame);
  }

  /** Closes those of the user's sessions here that `which` picks. */
  disconnect(user: HubUser, reason: CloseReason, which: (session: ClientSession) => boolean) {
    for (const session of [...user.sessions]) if (which(session)) session.close(reason);
  }
}

const noListeners: ReadonlySet<HubUser> = new Set();
