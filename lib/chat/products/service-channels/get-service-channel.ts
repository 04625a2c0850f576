import { db } from "../../../db/client";
import { ChannelType } from "../../base/channels/channel-types";
import { missingChannelError } from "../../base/channels/removed-channels";
import { checkServiceChannelId, serviceChannelWhere, toServiceChannel, withSubscriberCount } from "./service-channel-rules";

/** A service channel with its subscriber count. */
export async function getServiceChannel(input: { appId: string; channelId: string }) {
  const channelId = checkServiceChannelId(input.channelId);
  const row = await db.channel.findFirst({ where: serviceChannelWhere(input.appId, channelId), include: withSubscriberCount });
  if (!row) throw await missingChannelError({ appId: input.appId, type: ChannelType.service, channelId });
  return toServiceChannel(row);
}
