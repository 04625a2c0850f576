import type { GroupAttributes } from "../../../contract";
import { db } from "../../../db/client";
import { getAppSettings } from "../../base/apps/app-settings";
import { ChatError } from "../../base/errors";
import { checkGroupId, GroupRole } from "./group-rules";
import { getGroupOrThrow } from "./group-view";

/** Custom attributes a group holds at most, and their bounds. */
export const maxGroupAttributes = 100;
const keyPattern = /^[A-Za-z0-9_+=\-.]{1,128}$/;
const maxValueLength = 4096;

/** Who acts: a member through a client, or the app server (no user), which may do anything. */
type Actor = { appId: string; channelId: string; userId?: string };

/** The group's row, after checking that the acting member may read its attributes, or with `write` change them. */
async function groupFor(actor: Actor, access: "read" | "write") {
  const group = await getGroupOrThrow(db, { appId: actor.appId, channelId: checkGroupId(actor.channelId) });
  if (actor.userId === undefined) return group;
  const member = await db.channelMember.findUnique({ where: { channelId_userId: { channelId: group.id, userId: actor.userId } }, select: { role: true } });
  if (!member) throw new ChatError("notMember", `${actor.userId} is not a member of group ${actor.channelId}`);
  if (access === "write" && (await getAppSettings(actor.appId)).groupAttributeWriters === "admins" && member.role < GroupRole.admin) {
    throw new ChatError("forbidden", `Only the owner and admins of group ${actor.channelId} change its attributes`);
  }
  return group;
}

/** Sets keys of a group's custom attributes (a change of the group: it counts as activity). */
export async function setGroupAttributes(input: Actor & { attributes: Record<string, string> }): Promise<void> {
  const entries = Object.entries(input.attributes);
  if (entries.length === 0) throw new ChatError("invalidParameter", "attributes must hold at least one key");
  for (const [key, value] of entries) {
    if (!keyPattern.test(key)) throw new ChatError("invalidParameter", "attribute keys are 1 to 128 letters, digits and _ + = - .");
    if (typeof value !== "string" || value.length > maxValueLength) throw new ChatError("invalidParameter", `attribute values are strings of at most ${maxValueLength} characters`);
  }
  const group = await groupFor(input, "write");
  const updatedBy = input.userId ?? "";
  await db.$transaction(async (tx) => {
    const kept = await tx.channelMetadata.count({ where: { channelId: group.id, key: { notIn: entries.map(([key]) => key) } } });
    if (kept + entries.length > maxGroupAttributes) throw new ChatError("unprocessable", `A group holds at most ${maxGroupAttributes} attributes`);
    const updatedAt = new Date();
    for (const [key, value] of entries) {
      await tx.channelMetadata.upsert({
        where: { channelId_key: { channelId: group.id, key } },
        create: { channelId: group.id, key, value, ownerId: updatedBy, updatedAt },
        update: { value, ownerId: updatedBy, updatedAt },
      });
    }
    await tx.channel.update({ where: { id: group.id }, data: { updatedAt } });
  });
}

export async function removeGroupAttributes(input: Actor & { keys: string[] }): Promise<void> {
  if (input.keys.length === 0) throw new ChatError("invalidParameter", "keys must name at least one attribute");
  const group = await groupFor(input, "write");
  await db.$transaction([db.channelMetadata.deleteMany({ where: { channelId: group.id, key: { in: input.keys } } }), db.channel.update({ where: { id: group.id }, data: { updatedAt: new Date() } })]);
}

/** The group's attributes (those of `keys` when given): each with who changed it last ("" for the app server) and when. */
export async function findGroupAttributes(input: Actor & { keys?: string[] }): Promise<GroupAttributes> {
  const group = await groupFor(input, "read");
  const rows = await db.channelMetadata.findMany({ where: { channelId: group.id, ...(input.keys?.length && { key: { in: input.keys } }) }, orderBy: { key: "asc" } });
  return { attributes: Object.fromEntries(rows.map((row) => [row.key, { value: row.value, updatedBy: row.ownerId, updatedAt: row.updatedAt.getTime() }])) };
}
