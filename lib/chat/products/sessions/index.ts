// The sessions of users as the product sees them, whichever transport carries them: platform
// categories, presence on every node, the sessions-per-category rule, and the wills of
// sessions kept where every node can send them.
// The public face of this product: other folders import from here, never from its files.
export { type Platform, platforms, platformSchema } from "../../base/apps/platforms";
export { clearPresence, findPresenceEntries, presenceTtlMs, setPresence } from "./presence";
export { parsePresenceEntry, presenceEntry } from "./presence-entry";
export { kickReplacedSessions, maxWebSessionsWithSync, sessionsToKick } from "./session-limits";
export { adoptOrphanedWills, dropWill, endNodeLease, keepWill, type KeptWill, nodeLeaseMs, renewNodeLease } from "./session-wills";
