import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { checkUserId } from "../../base/users/user-id";
import { getOpenChannelOrThrow } from "./open-channel-rules";

/** Keys an open channel holds at most. */
export const maxOpenChannelMetadataKeys = 100;
const keyPattern = /^[A-Za-z0-9_+=\-.]{1,128}$/;
const maxValueLength = 4096;

/**
 * Sets keys of an open channel's metadata, owned by `metadataOwnerId`; with `autoDelete`
 * they go when the owner leaves the channel. A key owned by someone else is refused.
 */
export async function setOpenChannelMetadata(input: { appId: string; channelId: string; metadataOwnerId: string; metadata: Record<string, string>; autoDelete?: boolean }) {
  const ownerId = checkUserId(input.metadataOwnerId, "metadataOwnerId");
  const entries = Object.entries(input.metadata);
  if (entries.length === 0) throw new ChatError("invalidParameter", "metadata must hold at least one key");
  for (const [key, value] of entries) {
    if (!keyPattern.test(key)) throw new ChatError("invalidParameter", "metadata keys are 1 to 128 letters, digits and _ + = - .");
    if (typeof value !== "string" || value.length > maxValueLength) throw new ChatError("invalidParameter", `metadata values are strings of at most ${maxValueLength} characters`);
  }
  const channel = await getOpenChannelOrThrow(input.appId, input.channelId);
  const existing = await db.channelMetadata.findMany({ where: { channelId: channel.id, key: { in: entries.map(([key]) => key) } } });
  const foreign = existing.find((entry) => entry.ownerId !== ownerId);
  if (foreign) throw new ChatError("forbidden", `Metadata key ${foreign.key} belongs to ${foreign.ownerId}`);
  const count = await db.channelMetadata.count({ where: { channelId: channel.id } });
  if (count + entries.length - existing.length > maxOpenChannelMetadataKeys) {
    throw new ChatError("unprocessable", `An open channel holds at most ${maxOpenChannelMetadataKeys} metadata keys`);
  }
  const updatedAt = new Date();
  const autoDelete = input.autoDelete ?? false;
  await db.$transaction(
    entries.map(([key, value]) =>
      db.channelMetadata.upsert({
        where: { channelId_key: { channelId: channel.id, key } },
        create: { channelId: channel.id, key, value, ownerId, autoDelete, updatedAt },
        update: { value, autoDelete, updatedAt },
      }),
    ),
  );
}

export async function removeOpenChannelMetadata(input: { appId: string; channelId: string; metadataOwnerId: string; metadataKeys: string[] }) {
  if (input.metadataKeys.length === 0) throw new ChatError("invalidParameter", "metadataKeys must name at least one key");
  const channel = await getOpenChannelOrThrow(input.appId, input.channelId);
  const foreign = await db.channelMetadata.findFirst({ where: { channelId: channel.id, key: { in: input.metadataKeys }, ownerId: { not: input.metadataOwnerId } } });
  if (foreign) throw new ChatError("forbidden", `Metadata key ${foreign.key} belongs to ${foreign.ownerId}`);
  await db.channelMetadata.deleteMany({ where: { channelId: channel.id, key: { in: input.metadataKeys } } });
}

export async function findOpenChannelMetadata(input: { appId: string; channelId: string; metadataKeys?: string[] }) {
  const channel = await getOpenChannelOrThrow(input.appId, input.channelId);
  const rows = await db.channelMetadata.findMany({
    where: { channelId: channel.id, ...(input.metadataKeys?.length && { key: { in: input.metadataKeys } }) },
    orderBy: { key: "asc" },
  });
  return {
    metadata: rows.map((row) => ({ key: row.key, value: row.value, metadataOwnerId: row.ownerId, shouldAutoDelete: row.autoDelete ? 1 : 0, updatedAt: row.updatedAt.getTime() })),
  };
}
