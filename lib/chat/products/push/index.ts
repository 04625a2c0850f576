// Offline push: devices, FCM, APNs and the app's push webhook, behind a bounded queue.
// The public face of this product: other folders import from here, never from its files.
export { closeApnsSessions } from "./apns";
export { notifyDevicesOf, type PushPlatform, pushPlatforms, usersWithPackage } from "./audience-devices";
export { defaultPushBody } from "./push-content";
export { offlineAmong, pushesConfigured } from "./offline-push";
export { registerPushDevice, unregisterPushDevice } from "./push-devices";
export { drainPushQueue, pushQueueDepth, queueOfflinePush, queuePushTask } from "./push-queue";
