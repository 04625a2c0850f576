import { db } from "../../db/client";
import { ChatError } from "../errors";
import { checkServiceChannelId, serviceChannelWhere, toServiceChannel, withSubscriberCount } from "./service-channel-rules";

/** A service channel with its subscriber count. */
export async function getServiceChannel(input: { appId: string; channelId: string }) {
  const channelId = checkServiceChannelId(input.channelId);
  const row = await db.channel.findFirst({ where: serviceChannelWhere(input.appId, channelId), include: withSubscriberCount });
  if (!row) throw new ChatError("notFound", `Service channel ${channelId} does not exist`);
  return toServiceChannel(row);
}
