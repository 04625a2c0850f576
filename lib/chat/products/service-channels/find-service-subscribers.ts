import { db } from "../../../db/client";
import { checkTimePage, toTimePage } from "../../base/page-token";
import { getServiceChannelOrThrow } from "./service-channel-rules";

/** A page of a service channel's subscribers by the time they subscribed (`order` 0 oldest first, 1 newest first); `totalCount` counts them all. */
export async function findServiceSubscribers(input: { appId: string; channelId: string; pageToken?: string; pageSize?: number; order?: number }) {
  const { pageSize, direction, beyond, after } = checkTimePage(input, { defaultPageSize: 50, maxPageSize: 100 });
  const channel = await getServiceChannelOrThrow(input);
  const where = { appId: input.appId, channelId: channel.id };
  const [rows, totalCount] = await Promise.all([
    db.channelMember.findMany({
      where: { ...where, ...(after && { OR: [{ joinedAt: { [beyond]: new Date(after[0]) } }, { joinedAt: new Date(after[0]), userId: { [beyond]: after[1] } }] }) },
      orderBy: [{ joinedAt: direction }, { userId: direction }],
      take: pageSize + 1,
      select: { userId: true, joinedAt: true },
    }),
    db.channelMember.count({ where }),
  ]);
  const { page, pageToken } = toTimePage(rows, pageSize, (row) => [row.joinedAt.getTime(), row.userId]);
  return { totalCount, pageToken, subscribers: page.map((row) => ({ userId: row.userId, subscribedAt: row.joinedAt.getTime() })) };
}
