export { createTemporaryChannel } from "./create-temporary-channel";
export { endTemporaryChannel } from "./end-temporary-channel";
export { findTemporaryChannelMembers } from "./find-temporary-channel-members";
export { routeTemporaryMessage } from "./route-temporary-message";
export { sweepTemporaryChannels } from "./sweep-temporary-channels";
export { checkNotTemporary } from "./temporary-channel-rules";
