// Service channels: the app's channels users subscribe to, and each subscriber's private thread with it.
// The public face of this product: other folders import from here, never from its files.
export { createServiceChannel } from "./create-service-channel";
export { deleteServiceChannel } from "./delete-service-channel";
export { findServiceChannelHistory } from "./find-service-channel-history";
export { findServiceChannels } from "./find-service-channels";
export { findServiceSubscribers } from "./find-service-subscribers";
export { getServiceChannel } from "./get-service-channel";
export { routeServiceMessage } from "./route-service-message";
export { checkSubscribed, getServiceChannelOrThrow } from "./service-channel-rules";
export { subscribeServiceChannel } from "./subscribe-service-channel";
export { unsubscribeServiceChannel } from "./unsubscribe-service-channel";
