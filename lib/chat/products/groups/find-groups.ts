import { db } from "../../../db/client";
import { ChannelType } from "../../base/channels/channel-types";
import { checkTimePage, toTimePage } from "../../base/page-token";
import { parseObject } from "./group-view";

/** A page of the app's groups by creation time, oldest first (`order` 0) or newest first (1). */
export async function findGroups(input: { appId: string; pageToken?: string; pageSize?: number; order?: number }) {
  const { pageSize, direction, beyond, after } = checkTimePage(input, { defaultPageSize: 50, maxPageSize: 100 });
  const rows = await db.channel.findMany({
    where: {
      appId: input.appId,
      type: ChannelType.group,
      ...(after && { OR: [{ createdAt: { [beyond]: new Date(after[0]) } }, { createdAt: new Date(after[0]), channelId: { [beyond]: after[1] } }] }),
    },
    orderBy: [{ createdAt: direction }, { channelId: direction }],
    take: pageSize + 1,
  });
  const { page, pageToken } = toTimePage(rows, pageSize, (row) => [row.createdAt.getTime(), row.channelId]);
  return {
    pageToken,
    groups: page.map((row) => ({
      channelId: row.channelId,
      name: row.name ?? "",
      groupProfile: parseObject<unknown>(row.profile),
      creator: row.creatorId ?? "",
      owner: row.ownerId ?? "",
      createdAt: row.createdAt.getTime(),
    })),
  };
}
