import { db } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import { ChannelType } from "../../base/channels/channel-types";
import { forgetRemovedChannel } from "../../base/channels/removed-channels";
import { ChatError } from "../../base/errors";
import { checkServiceChannelId, checkServiceChannelName, checkServiceChannelProfile } from "./service-channel-rules";

/** Creates a service channel (an official account, a bot, a notification feed); users then subscribe to it. An existing id is a conflict. */
export async function createServiceChannel(input: { appId: string; channelId: string; name: string; profile?: Record<string, unknown> }): Promise<void> {
  const channelId = checkServiceChannelId(input.channelId);
  const name = checkServiceChannelName(input.name);
  const profile = checkServiceChannelProfile(input.profile ?? {});
  await db.channel.create({ data: { appId: input.appId, type: ChannelType.service, channelId, name, profile }, select: { id: true } }).catch((error: unknown) => {
    throw isUniqueViolation(error) ? new ChatError("conflict", `Service channel ${channelId} exists already`) : error;
  });
  await forgetRemovedChannel({ appId: input.appId, type: ChannelType.service, channelId });
}
