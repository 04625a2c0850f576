import { ChatError } from "../base/errors";

/**
 * Sends per session in the current second. A session lives on one node, so a counter
 * in this process is exact and costs no round trip to the bus.
 */
const sendWindows = new Map<string, { start: number; count: number }>();
const maxTrackedSessions = 100_000;

/** Refuses a session's send beyond `perSecond` in the current second. */
export function checkClientSendRate(sessionId: string, perSecond: number) {
  const now = Date.now();
  let window = sendWindows.get(sessionId);
  if (!window || now - window.start >= 1000) {
    if (sendWindows.size >= maxTrackedSessions) forgetIdleWindows(now);
    sendWindows.set(sessionId, (window = { start: now, count: 0 }));
  }
  if (++window.count > perSecond) {
    throw new ChatError("sendRateExceeded", `A client may send at most ${perSecond} messages per second`);
  }
}

function forgetIdleWindows(now: number) {
  for (const [sessionId, window] of sendWindows) if (now - window.start >= 1000) sendWindows.delete(sessionId);
}
