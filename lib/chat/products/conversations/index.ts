// Conversations as each user keeps them: tags, pins, notification levels, attributes, and the sweep of inactive ones.
// The public face of this product: other folders import from here, never from its files.
export { addUserChannelTags, findTaggedConversations, findUserChannelTags, removeUserChannelTags, tagConversations } from "./conversation-tags";
export { findConversations } from "./find-conversations";
export { getConversationAttributes } from "./get-conversation-attributes";
export { getNotificationLevel, setNotificationLevel } from "./notification-levels";
export { removeInactiveChannels } from "./remove-inactive-channels";
export { deleteConversation, markConversationRead, pinConversation } from "./update-conversation";
