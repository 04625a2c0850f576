import { z } from "zod";

/** The platform categories of concurrent logins: a user may be online on one device of each. */
export const platforms = ["mobile", "web", "desktop", "miniProgram"] as const;
export type Platform = (typeof platforms)[number];
export const platformSchema = z.enum(platforms, { error: `platform must be one of ${platforms.join(", ")}` });

/** With multi-device sync, a user may keep this many browser tabs connected at once. */
export const maxWebSessionsWithSync = 10;

type SessionInfo = { id: string; platform: Platform; connectedAt: number; multiDeviceSync: boolean };

/** How a session is recorded in its user's presence, readable by every node: platform, connect time, id. */
export function presenceEntry(session: SessionInfo): string {
  return `${session.platform}|${session.connectedAt}|${session.id}`;
}

/**
 * The sessions a new session replaces: of its platform category, the oldest beyond the
 * limit (one; ten for web with multi-device sync). Every node computes the same answer
 * from the same entries, however logins race.
 */
export function sessionsToKick(entries: string[], session: SessionInfo): string[] {
  const limit = session.platform === "web" && session.multiDeviceSync ? maxWebSessionsWithSync : 1;
  return entries
    .map((entry) => entry.split("|"))
    .filter(([platform]) => platform === session.platform)
    .map(([, connectedAt, id]) => ({ connectedAt: Number(connectedAt), id: id! }))
    .sort((a, b) => b.connectedAt - a.connectedAt || (a.id < b.id ? 1 : -1))
    .slice(limit)
    .map((entry) => entry.id);
}
