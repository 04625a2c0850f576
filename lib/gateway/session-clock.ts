import { type ClientSession, gatewayLimits } from "./client-session";
import { closeCodes } from "./protocol";

/**
 * The timers of a node's sessions, shared rather than one per socket (a Node timer and its
 * callback cost more than the rest of an idle session): one interval pings every session, and
 * one timeout, armed for the earliest connect deadline, closes the connections that sent no
 * connect command in time. Every connection has the same connect timeout, so the deadlines
 * queue in the order the connections opened.
 */
export class SessionClock {
  /** Connections waiting for their connect deadline, oldest first from `head`; `deadlines` (Unix ms) runs alongside. */
  private waiting: (ClientSession | undefined)[] = [];
  private deadlines: number[] = [];
  private head = 0;
  private deadlineTimer: NodeJS.Timeout | null = null;
  private readonly pinger: NodeJS.Timeout;

  constructor(private readonly sessions: ReadonlySet<ClientSession>) {
    this.pinger = setInterval(() => this.ping(), gatewayLimits.pingIntervalSeconds * 1000);
    this.pinger.unref();
  }

  /** A new connection: it must send its connect command within `gatewayLimits.connectTimeoutMs`. */
  admit(session: ClientSession) {
    this.waiting.push(session);
    this.deadlines.push(Date.now() + gatewayLimits.connectTimeoutMs);
    if (!this.deadlineTimer) this.armDeadlineTimer();
  }

  stop() {
    clearInterval(this.pinger);
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    this.deadlineTimer = null;
    this.waiting = [];
    this.deadlines = [];
    this.head = 0;
  }

  /** Pings the connected sessions; a session silent for two intervals is closed with 3012. */
  private ping() {
    const silentSince = Date.now() - 2 * gatewayLimits.pingIntervalSeconds * 1000;
    for (const session of this.sessions) {
      if (session.lastActivity < silentSince) session.close(closeCodes.noPong);
      else if (session.user) session.send("{}");
    }
  }

  private armDeadlineTimer() {
    this.deadlineTimer = setTimeout(() => this.passDeadlines(), this.deadlines[this.head]! - Date.now());
    this.deadlineTimer.unref();
  }

  private passDeadlines() {
    this.deadlineTimer = null;
    const now = Date.now();
    while (this.head < this.waiting.length && this.deadlines[this.head]! <= now) {
      const session = this.waiting[this.head]!;
      // Let the session go now, not when the queue next compacts.
      this.waiting[this.head++] = undefined;
      session.connectDeadlinePassed();
    }
    if (this.head === this.waiting.length) {
      this.waiting = [];
      this.deadlines = [];
      this.head = 0;
      return;
    }
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting.splice(0, this.head);
      this.deadlines.splice(0, this.head);
      this.head = 0;
    }
    this.armDeadlineTimer();
  }
}
