import { db } from "../../../db/client";
import { ChannelType } from "../../base/channels/channel-types";
import { ChatError } from "../../base/errors";
import { checkGroupId } from "./group-rules";
import { toGroupProfile, withMemberCount } from "./group-view";

/** Most groups per profile list call. */
export const maxGroupProfilesPerCall = 20;

/** The profiles of the given groups, in the order asked; ids of no group are left out. */
export async function findGroupProfiles(input: { appId: string; channelIds: string[] }) {
  if (input.channelIds.length < 1 || input.channelIds.length > maxGroupProfilesPerCall) {
    throw new ChatError("invalidParameter", `channelIds must hold 1 to ${maxGroupProfilesPerCall} group ids`);
  }
  const channelIds = [...new Set(input.channelIds.map((channelId) => checkGroupId(channelId, "channelIds")))];
  const groups = await db.channel.findMany({ where: { appId: input.appId, type: ChannelType.group, channelId: { in: channelIds } }, include: withMemberCount });
  const byId = new Map(groups.map((group) => [group.channelId, group]));
  return { profiles: channelIds.flatMap((channelId) => (byId.has(channelId) ? [toGroupProfile(byId.get(channelId)!)] : [])) };
}
