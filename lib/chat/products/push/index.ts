export { closeApnsSessions } from "./apns";
export { pushesConfigured } from "./offline-push";
export { registerPushDevice, unregisterPushDevice } from "./push-devices";
export { drainPushQueue, queueOfflinePush } from "./push-queue";
