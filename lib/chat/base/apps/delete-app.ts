import { db } from "../../../db/client";
import { ChatError } from "../errors";
import { appCache } from "./app-cache";

/**
 * Deletes an app with everything it holds: users, channels, messages, settings, logs. Rows
 * tied to the app only by its id go explicitly; the rest follow their user or channel.
 * The audit log keeps its entries.
 */
export async function deleteApp(input: { appKey: string; confirmName: string }): Promise<void> {
  const app = await db.app.findUnique({ where: { key: input.appKey }, select: { id: true, name: true } });
  if (!app) throw new ChatError("notFound", `No app has the App Key ${input.appKey}`);
  if (input.confirmName !== app.name) throw new ChatError("invalidParameter", `Type the app's name, ${app.name}, to delete it`);
  const where = { appId: app.id };
  await db.$transaction([
    db.notificationSetting.deleteMany({ where }),
    db.userChannelTag.deleteMany({ where }),
    db.channelTag.deleteMany({ where }),
    db.channelTypeMute.deleteMany({ where }),
    db.friendRequest.deleteMany({ where }),
    db.app.delete({ where: { id: app.id } }),
  ]);
  await appCache.invalidate(input.appKey);
}
