import { getBus, topics } from "../../../bus";
import { env } from "../../../env";
import { type AppSettings, getAppSettings } from "../../base/apps/app-settings";
import type { Platform } from "../../base/apps/platforms";
import { parsePresenceEntry } from "./presence-entry";

/** With multi-device sync, a user may keep this many browser tabs connected at once (one session a category otherwise). */
export const maxWebSessionsWithSync = env.SWITCHBOARD_MAX_WEB_SESSIONS_PER_USER;

type SessionInfo = { id: string; platform: Platform; connectedAt: number };
/** The settings that decide how many sessions a category keeps. */
export type SessionLimitSettings = Pick<AppSettings, "multiDeviceSync" | "sessionsPerPlatform">;

/**
 * How many sessions of `platform` one user keeps: the app's `sessionsPerPlatform` for the
 * category when it names it, else one (web with multi-device sync: `maxWebSessionsWithSync`).
 */
export function sessionLimit(platform: Platform, settings: SessionLimitSettings): number {
  return settings.sessionsPerPlatform[platform] ?? (platform === "web" && settings.multiDeviceSync ? maxWebSessionsWithSync : 1);
}

/**
 * The sessions a new session replaces: of its platform category, the oldest beyond the
 * category's limit (`sessionLimit`). Every node computes the same answer from the same
 * entries, however logins race.
 */
export function sessionsToKick(entries: string[], session: SessionInfo, settings: SessionLimitSettings): string[] {
  return entries
    .map(parsePresenceEntry)
    .filter((entry) => entry.platform === session.platform)
    .map((entry) => ({ connectedAt: entry.connectedAt, id: entry.sessionId }))
    .sort((a, b) => b.connectedAt - a.connectedAt || (a.id < b.id ? 1 : -1))
    .slice(sessionLimit(session.platform, settings))
    .map((entry) => entry.id);
}

/**
 * Closes, on whichever node holds them, the user's older sessions that a new session
 * replaces (`sessionsToKick` of the user's presence entries `present`, under the app's
 * settings as they are now): they close with 4501.
 */
export async function kickReplacedSessions(input: { appId: string; userId: string; session: SessionInfo; present: string[] }): Promise<void> {
  const sessionIds = sessionsToKick(input.present, input.session, await getAppSettings(input.appId));
  if (sessionIds.length === 0) return;
  await getBus().publish(topics.user(input.appId, input.userId), { type: "disconnect", reason: "kicked", sessionIds });
}
