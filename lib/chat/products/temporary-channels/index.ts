// Temporary conversations: a fixed set of members for a limited time.
// The public face of this product: other folders import from here, never from its files.
export { createTemporaryChannel } from "./create-temporary-channel";
export { endTemporaryChannel } from "./end-temporary-channel";
export { findTemporaryChannelMembers } from "./find-temporary-channel-members";
export { routeTemporaryMessage } from "./route-temporary-message";
export { sweepTemporaryChannels } from "./sweep-temporary-channels";
export { checkNotTemporary } from "./temporary-channel-rules";
