// Open channels: participants who come and go, lists, metadata, message priorities and capacity, and the sweep of timed-out participants and expired channels.
// The public face of this product: other folders import from here, never from its files.
export { createOpenChannel, destroyOpenChannels, findFrozenOpenChannels, getOpenChannel, setOpenChannelFrozen, setOpenChannelLifetime } from "./manage-open-channels";
export { addGlobalOpenChannelMutes, addToOpenChannelList, findGlobalOpenChannelMutes, findOpenChannelList, removeFromOpenChannelList, removeGlobalOpenChannelMutes } from "./open-channel-lists";
export { addPriorityMessageTypes, findPriorityMessageTypes, removePriorityMessageTypes } from "./open-channel-message-priorities";
export type { PriorityList } from "./open-channel-message-priorities";
export { findOpenChannelMetadata, removeOpenChannelMetadata, setOpenChannelMetadata } from "./open-channel-metadata";
export { checkParticipants, findOpenChannelKeys, findParticipants, joinOpenChannel, leaveOpenChannel, touchParticipants } from "./open-channel-participants";
export { routeOpenChannelMessage } from "./route-open-channel-message";
export { sweepOpenChannels } from "./sweep-open-channels";
export { getOpenChannelOrThrow } from "./open-channel-rules";
