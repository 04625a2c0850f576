import { z } from "zod";
import { parsePresenceEntry } from "../chat/products/users";

/** The platform categories of concurrent logins: a user may be online on one device of each. */
export const platforms = ["mobile", "web", "desktop", "miniProgram"] as const;
export type Platform = (typeof platforms)[number];
export const platformSchema = z.enum(platforms, { error: `platform must be one of ${platforms.join(", ")}` });

/** With multi-device sync, a user may keep this many browser tabs connected at once. */
export const maxWebSessionsWithSync = 10;

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
