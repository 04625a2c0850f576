import type { Tx } from "../../../db/client";
import { ChannelType, communityChannelId } from "../../base/channels/channel-types";
import { ChatError } from "../../base/errors";

const communityWhere = (appId: string, channelId: string) => ({ appId, type: ChannelType.community, channelId, parentId: null });

export async function getCommunityOrThrow(tx: Tx, input: { appId: string; channelId: string }) {
  const community = await tx.channel.findFirst({ where: communityWhere(input.appId, input.channelId) });
  if (!community) throw new ChatError("notFound", `Community ${input.channelId} does not exist`);
  return community;
}

/**
 * The community's row, locked until the transaction ends: membership and subchannel
 * changes of one community take turns, so its limits hold.
 */
export async function lockCommunityOrThrow(tx: Tx, input: { appId: string; channelId: string }) {
  await tx.channel.updateMany({ where: communityWhere(input.appId, input.channelId), data: { updatedAt: new Date() } });
  return getCommunityOrThrow(tx, input);
}

export async function getSubchannelOrThrow(tx: Tx, input: { appId: string; channelId: string; subchannelId: string }) {
  const subchannel = await tx.channel.findFirst({
    where: { appId: input.appId, type: ChannelType.community, channelId: communityChannelId(input.channelId, input.subchannelId) },
  });
  if (!subchannel) throw new ChatError("notFound", `Subchannel ${input.subchannelId} of community ${input.channelId} does not exist`);
  return subchannel;
}

/** The community with the channel a request names: a subchannel's row, or the community's own (its default channel) without `subchannelId`. */
export async function getCommunityChannelOrThrow(tx: Tx, input: { appId: string; channelId: string; subchannelId?: string }) {
  const community = await getCommunityOrThrow(tx, input);
  const channel = input.subchannelId === undefined ? community : await getSubchannelOrThrow(tx, { ...input, subchannelId: input.subchannelId });
  return { community, channel };
}

/** A community's members: its row's member rows (subchannel rows hold private membership and read state). */
export const communityMemberWhere = (appId: string, communityPk: string) => ({ appId, channelId: communityPk });
