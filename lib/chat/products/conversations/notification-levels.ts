import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { checkNotTemporary } from "../temporary-channels";
import { getUserOrThrow } from "../../base/users/find-users";
import { checkUserId } from "../../base/users/user-id";

/**
 * Do-not-disturb levels, as clients interpret them: -1 notify of everything, 0 the default
 * (a conversation follows its channel type's level, a channel type notifies of everything),
 * 1 to 5 quieter levels up to 5, nothing.
 */
export const minNotificationLevel = -1;
export const maxNotificationLevel = 5;

type LevelTarget = { appId: string; userId: string; channelType: string | number; channelId?: string; subchannelId?: string };

function checkLevel(level: number): number {
  if (!Number.isInteger(level) || level < minNotificationLevel || level > maxNotificationLevel) {
    throw new ChatError("invalidParameter", `noDisturbLevel must be ${minNotificationLevel} to ${maxNotificationLevel}`);
  }
  return level;
}

/** The setting's key: a channel type is stored as its number's text, "1" to "10"; "" names the channel type itself. */
async function settingKey(input: LevelTarget) {
  const channelType = String(input.channelType);
  if (!/^([1-9]|10)$/.test(channelType)) throw new ChatError("invalidParameter", "channelType must be a channel type, 1 to 10");
  checkNotTemporary(channelType, "muted");
  const userId = checkUserId(input.userId, "requestId");
  await getUserOrThrow({ appId: input.appId, userId });
  const channelId = input.channelId === undefined ? "" : checkUserId(input.channelId, "channelId");
  return { appId: input.appId, userId, channelType, channelId, subchannelId: input.subchannelId ?? "" };
}

/** Sets a user's level for one conversation, or without `channelId` for a channel type; 0 removes the setting. */
export async function setNotificationLevel(input: LevelTarget & { level: number }): Promise<void> {
  const level = checkLevel(input.level);
  const key = await settingKey(input);
  if (level === 0) await db.notificationSetting.deleteMany({ where: key });
  else await db.notificationSetting.upsert({ where: { appId_userId_channelType_channelId_subchannelId: key }, create: { ...key, level }, update: { level } });
}

/** The level in force: the conversation's own, else its channel type's, else 0 (the default). */
export async function getNotificationLevel(input: LevelTarget): Promise<{ noDisturbLevel: number }> {
  const key = await settingKey(input);
  const ownAndType = [key, { ...key, channelId: "", subchannelId: "" }];
  const rows = await db.notificationSetting.findMany({ where: { OR: ownAndType }, select: { channelId: true, level: true } });
  const level = rows.find((row) => row.channelId === key.channelId)?.level ?? rows.find((row) => row.channelId === "")?.level ?? 0;
  return { noDisturbLevel: level };
}
