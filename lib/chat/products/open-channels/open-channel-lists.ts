import { db } from "../../../db/client";
import { addUserRules, checkDurationMinutes, findUserRules, removeUserRules, type UserRuleKind } from "../../base/channels/channel-user-rules";
import { ChatError } from "../../base/errors";
import { forgetChannelTypeMutes } from "../moderation";
import { checkUserIds } from "../../base/users/user-id";
import { removeParticipants } from "./open-channel-participants";
import { formatDateTime, getOpenChannelOrThrow } from "./open-channel-rules";

/** The per-channel lists of open channels: who is muted, banned (kicked and kept out), allowed to send when frozen or muted, sent first. */
type ListInput = { appId: string; channelId: string; participantIds: string[]; kind: UserRuleKind; durationMinutes?: number; extra?: string };

const maxParticipantsPerCall = 20;

export async function addToOpenChannelList(input: ListInput): Promise<void> {
  const userIds = checkUserIds(input.participantIds, { max: maxParticipantsPerCall, field: "participantIds" });
  const channel = await getOpenChannelOrThrow(input.appId, input.channelId);
  await addUserRules({ channelPk: channel.id, userIds, kind: input.kind, durationMinutes: input.durationMinutes, extra: input.extra });
  if (input.kind === "ban") await removeParticipants({ appId: input.appId, channelPk: channel.id, channelId: channel.channelId, userIds, reason: "banned" });
}

export async function removeFromOpenChannelList(input: Omit<ListInput, "durationMinutes">): Promise<void> {
  const userIds = checkUserIds(input.participantIds, { max: maxParticipantsPerCall, field: "participantIds" });
  const channel = await getOpenChannelOrThrow(input.appId, input.channelId);
  await removeUserRules({ channelPk: channel.id, userIds, kind: input.kind });
}

/** A list of one open channel, each entry with its expiry ("" when it has none). */
export async function findOpenChannelList(input: { appId: string; channelId: string; kind: UserRuleKind }) {
  const channel = await getOpenChannelOrThrow(input.appId, input.channelId);
  const rules = await findUserRules({ channelPk: channel.id, kind: input.kind });
  return rules.map((rule) => ({ participantId: rule.userId, expiresAt: rule.expiresAt ? formatDateTime(rule.expiresAt) : "" }));
}

/** Open-channel mutes of users in every open channel of the app (the channel-type mute of CHATROOM, with a duration). */
export async function addGlobalOpenChannelMutes(input: { appId: string; participantIds: string[]; durationMinutes: number }): Promise<void> {
  const userIds = checkUserIds(input.participantIds, { max: maxParticipantsPerCall, field: "participantIds" });
  const expiresAt = new Date(Date.now() + checkDurationMinutes(input.durationMinutes) * 60_000);
  const known = await db.user.count({ where: { appId: input.appId, id: { in: userIds }, deletedAt: null } });
  if (known !== userIds.length) throw new ChatError("notFound", "participantIds names users that do not exist");
  await db.$transaction(
    userIds.map((userId) =>
      db.channelTypeMute.upsert({
        where: { appId_userId_channelType: { appId: input.appId, userId, channelType: "CHATROOM" } },
        create: { appId: input.appId, userId, channelType: "CHATROOM", expiresAt },
        update: { expiresAt },
      }),
    ),
  );
  await Promise.all(userIds.map((userId) => forgetChannelTypeMutes(input.appId, userId)));
}

export async function removeGlobalOpenChannelMutes(input: { appId: string; participantIds: string[] }): Promise<void> {
  const userIds = checkUserIds(input.participantIds, { max: maxParticipantsPerCall, field: "participantIds" });
  await db.channelTypeMute.deleteMany({ where: { appId: input.appId, userId: { in: userIds }, channelType: "CHATROOM" } });
  await Promise.all(userIds.map((userId) => forgetChannelTypeMutes(input.appId, userId)));
}

export async function findGlobalOpenChannelMutes(input: { appId: string }) {
  const rows = await db.channelTypeMute.findMany({
    where: { appId: input.appId, channelType: "CHATROOM", OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
  });
  return { mutedParticipants: rows.map((row) => ({ participantId: row.userId, muteExpiresAt: row.expiresAt ? formatDateTime(row.expiresAt) : "" })) };
}
