// The sessions of users as the product sees them, whichever transport carries them: platform
// categories, presence on every node, and the one-session-per-platform rule.
// The public face of this product: other folders import from here, never from its files.
export { type Platform, platforms, platformSchema } from "./platforms";
export { clearPresence, findPresenceEntries, presenceTtlMs, setPresence } from "./presence";
export { parsePresenceEntry, presenceEntry } from "./presence-entry";
export { kickReplacedSessions, maxWebSessionsWithSync, sessionsToKick } from "./session-limits";
