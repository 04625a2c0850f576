// Blocklists: the users a user refuses direct messages from.
// The public face of this product: other folders import from here, never from its files.
export { addToBlocklist } from "./add-to-blocklist";
export { blocklistCache } from "./blocklist-cache";
export { findBlocklist } from "./find-blocklist";
export { getBlocklistStatus } from "./get-blocklist-status";
export { removeFromBlocklist } from "./remove-from-blocklist";
