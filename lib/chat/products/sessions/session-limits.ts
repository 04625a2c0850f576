import { getBus, topics } from "../../../bus";
import { env } from "../../../env";
import type { Platform } from "./platforms";
import { parsePresenceEntry } from "./presence-entry";

/** With multi-device sync, a user may keep this many browser tabs connected at once (one session a category otherwise). */
export const maxWebSessionsWithSync = env.SWITCHBOARD_MAX_WEB_SESSIONS_PER_USER;

type SessionInfo = { id: string; platform: Platform; connectedAt: number; multiDeviceSync: boolean };

/**
 * The sessions a new session replaces: of its platform category, the oldest beyond the
 * limit (one; ten for web with multi-device sync). Every node computes the same answer
 * from the same entries, however logins race.
 */
export function sessionsToKick(entries: string[], session: SessionInfo): string[] {
  const limit = session.platform === "web" && session.multiDeviceSync ? maxWebSessionsWithSync : 1;
  return entries
    .map(parsePresenceEntry)
    .filter((entry) => entry.platform === session.platform)
    .map((entry) => ({ connectedAt: entry.connectedAt, id: entry.sessionId }))
    .sort((a, b) => b.connectedAt - a.connectedAt || (a.id < b.id ? 1 : -1))
    .slice(limit)
    .map((entry) => entry.id);
}

/**
 * Closes, on whichever node holds them, the user's older sessions that a new session
 * replaces (`sessionsToKick` of the user's presence entries `present`): they close with 4501.
 */
export async function kickReplacedSessions(input: { appId: string; userId: string; session: SessionInfo; present: string[] }): Promise<void> {
  const sessionIds = sessionsToKick(input.present, input.session);
  if (sessionIds.length === 0) return;
  await getBus().publish(topics.user(input.appId, input.userId), { type: "disconnect", reason: "kicked", sessionIds });
}
