import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { checkGroupExtProfile, checkGroupId, checkGroupObject } from "./group-rules";
import { getGroupOrThrow, groupWhere } from "./group-view";
import { notifyGroup } from "./notify-group";

/** Replaces the given parts of a group's profile (the others stay) and tells its members. */
export async function updateGroupProfile(input: {
  appId: string;
  channelId: string;
  groupProfile?: Record<string, unknown>;
  permissions?: Record<string, unknown>;
  groupExtProfile?: Record<string, string>;
}): Promise<void> {
  const channelId = checkGroupId(input.channelId);
  const { groupProfile, permissions, groupExtProfile } = input;
  if (!groupProfile && !permissions && !groupExtProfile) throw new ChatError("invalidParameter", "Name groupProfile, permissions or groupExtProfile");
  if (groupProfile) checkGroupObject("groupProfile", groupProfile);
  if (permissions) checkGroupObject("permissions", permissions);
  if (groupExtProfile) checkGroupExtProfile(groupExtProfile);
  const group = await getGroupOrThrow(db, { appId: input.appId, channelId });
  await db.channel.updateMany({
    where: groupWhere(input.appId, channelId),
    data: {
      ...(groupProfile && { profile: JSON.stringify(groupProfile) }),
      ...(permissions && { permissions: JSON.stringify(permissions) }),
      ...(groupExtProfile && { extProfile: JSON.stringify(groupExtProfile) }),
    },
  });
  const data = { ...(groupProfile && { groupProfile }), ...(permissions && { permissions }), ...(groupExtProfile && { groupExtProfile }) };
  await notifyGroup({ appId: input.appId, channelId, operatorUserId: group.ownerId, operation: "Update", data });
}
