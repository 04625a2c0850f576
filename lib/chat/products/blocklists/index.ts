export { addToBlocklist } from "./add-to-blocklist";
export { blocklistCache } from "./blocklist-cache";
export { findBlocklist } from "./find-blocklist";
export { removeFromBlocklist } from "./remove-from-blocklist";
