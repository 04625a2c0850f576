import { db } from "../../../db/client";
import { ChannelType } from "../../base/channels/channel-types";
import { checkTimePage, toTimePage } from "../../base/page-token";
import { toServiceChannel, withSubscriberCount } from "./service-channel-rules";

/** A page of the app's service channels by creation time, oldest first (`order` 0) or newest first (1), each with its subscriber count. */
export async function findServiceChannels(input: { appId: string; pageToken?: string; pageSize?: number; order?: number }) {
  const { pageSize, direction, beyond, after } = checkTimePage(input, { defaultPageSize: 50, maxPageSize: 100 });
  const rows = await db.channel.findMany({
    where: {
      appId: input.appId,
      type: ChannelType.service,
      parentId: null,
      ...(after && { OR: [{ createdAt: { [beyond]: new Date(after[0]) } }, { createdAt: new Date(after[0]), channelId: { [beyond]: after[1] } }] }),
    },
    orderBy: [{ createdAt: direction }, { channelId: direction }],
    take: pageSize + 1,
    include: withSubscriberCount,
  });
  const { page, pageToken } = toTimePage(rows, pageSize, (row) => [row.createdAt.getTime(), row.channelId]);
  return { pageToken, channels: page.map(toServiceChannel) };
}
