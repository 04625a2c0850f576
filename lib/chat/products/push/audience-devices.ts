import { db } from "../../../db/client";
import { getAppSettings } from "../../base/apps/app-settings";
import { configuredProviders, sendToDevices } from "./offline-push";
import type { PushProvider } from "./push-devices";
import type { PushNotice } from "./push-notice";

/** The contract's platforms, and the push service their devices use here (HarmonyOS devices have none yet). */
export const pushPlatforms = { ios: "apns", android: "fcm", harmonyOS: null } as const satisfies Record<string, PushProvider | null>;
export type PushPlatform = keyof typeof pushPlatforms;

/**
 * Notifies the devices of these users (a page of an audience the app server chose) on
 * `platforms`, registered from `packageName` when given, online or not: the app server
 * asked for a notification, not for a message to catch up on.
 */
export async function notifyDevicesOf(input: { appId: string; userIds: string[]; platforms: PushPlatform[]; packageName?: string; notice: PushNotice }): Promise<void> {
  const providers = configuredProviders(await getAppSettings(input.appId));
  const wanted = input.platforms.map((platform) => pushPlatforms[platform]).filter((provider): provider is PushProvider => provider !== null && providers[provider] !== undefined);
  if (wanted.length === 0 || input.userIds.length === 0) return;
  const devices = await db.pushDevice.findMany({
    where: { appId: input.appId, userId: { in: input.userIds }, provider: { in: wanted }, ...(input.packageName !== undefined && { packageName: input.packageName }) },
    select: { provider: true, token: true },
  });
  await sendToDevices(input.appId, providers, devices, input.notice);
}

/** Users with a device registered from `packageName`, a page at a time by user id. */
export async function* usersWithPackage(appId: string, packageName: string, pageSize: number): AsyncGenerator<string[]> {
  for (let after = ""; ; ) {
    const rows = await db.pushDevice.findMany({ where: { appId, packageName, userId: { gt: after } }, distinct: ["userId"], orderBy: { userId: "asc" }, take: pageSize, select: { userId: true } });
    if (rows.length === 0) return;
    after = rows.at(-1)!.userId;
    yield rows.map((row) => row.userId);
  }
}
