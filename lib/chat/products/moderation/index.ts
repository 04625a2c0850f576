// Moderation: mutes by channel type, the profanity filter and word list, and the app's pre-delivery hook.
// The public face of this product: other folders import from here, never from its files.
export { activeMute, findChannelTypeMutes, forgetChannelTypeMutes, isMutedIn, setChannelTypeMute } from "./channel-type-mutes";
export { checkPreDeliveryHook } from "./pre-delivery-hook";
export { applyProfanityFilter } from "./profanity-filter";
export { addProfanityWords, findProfanityWords, removeProfanityWords } from "./profanity-words";
