import { z } from "zod";
import { db } from "../../../db/client";
import { parseInput } from "../../base/errors";

export const pushProviders = ["fcm", "apns"] as const;
export type PushProvider = (typeof pushProviders)[number];

const deviceSchema = z.object({
  provider: z.enum(pushProviders, { error: `provider must be one of ${pushProviders.join(", ")}` }),
  token: z.string().min(1, "token must not be empty").max(4096, "token is at most 4096 characters"),
  /** The app package the device runs (com.example.chat): pushes by package reach it. */
  packageName: z.string().regex(/^[\w.-]{1,255}$/, "packageName is 1 to 255 letters, digits, '.', '_' or '-'").optional(),
});

/**
 * Registers a device token for push notifications to a user. A token names a device, so
 * registering it again (another account signed in on the device) moves it to this user.
 */
export async function registerPushDevice(input: { appId: string; userId: string; device: unknown }): Promise<void> {
  const { provider, token, packageName = null } = parseInput(deviceSchema, input.device);
  await db.pushDevice.upsert({
    where: { appId_provider_token: { appId: input.appId, provider, token } },
    create: { appId: input.appId, provider, token, userId: input.userId, packageName },
    update: { userId: input.userId, packageName },
  });
}

/** A user's device stops taking push notifications (signing out on it). */
export async function unregisterPushDevice(input: { appId: string; userId: string; device: unknown }): Promise<void> {
  const { provider, token } = parseInput(deviceSchema, input.device);
  await db.pushDevice.deleteMany({ where: { appId: input.appId, provider, token, userId: input.userId } });
}

/** Forgets a token its push service called invalid or unregistered. */
export async function forgetPushDevice(input: { appId: string; provider: PushProvider; token: string }): Promise<void> {
  await db.pushDevice.deleteMany({ where: input });
}

export async function findPushDevices(appId: string, userIds: string[]) {
  return db.pushDevice.findMany({ where: { appId, userId: { in: userIds } }, select: { userId: true, provider: true, token: true } });
}
