export { activeMute, findChannelTypeMutes, forgetChannelTypeMutes, isMutedIn, setChannelTypeMute } from "./channel-type-mutes";
export { checkPreDeliveryHook } from "./pre-delivery-hook";
export { applyProfanityFilter } from "./profanity-filter";
export { addProfanityWords, findProfanityWords, removeProfanityWords } from "./profanity-words";
