/** A session as its user's presence records it, readable by every node. */
export type PresentSession = { platform: string; connectedAt: number; sessionId: string; clientIp: string };

/** `platform|connectedAt|sessionId|clientIp`: no part holds "|" (IPv6 addresses use ":"). */
export function presenceEntry(session: { platform: string; connectedAt: number; id: string; clientIp: string }): string {
  return `${session.platform}|${session.connectedAt}|${session.id}|${session.clientIp}`;
}

export function parsePresenceEntry(entry: string): PresentSession {
  const [platform = "", connectedAt = "0", sessionId = "", clientIp = ""] = entry.split("|");
  return { platform, connectedAt: Number(connectedAt), sessionId, clientIp };
}
