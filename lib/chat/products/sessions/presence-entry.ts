import type { UserSession } from "../../../contract";

/** `platform|connectedAt|sessionId|clientIp`: no part holds "|" (IPv6 addresses use ":"). */
export function presenceEntry(session: { platform: string; connectedAt: number; id: string; clientIp: string }): string {
  return `${session.platform}|${session.connectedAt}|${session.id}|${session.clientIp}`;
}

export function parsePresenceEntry(entry: string): UserSession {
  const [platform = "", connectedAt = "0", sessionId = "", clientIp = ""] = entry.split("|");
  return { platform, connectedAt: Number(connectedAt), sessionId, clientIp };
}
