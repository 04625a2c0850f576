import { db } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import { ChannelType } from "../../base/channels/channel-types";
import { forgetRemovedChannel } from "../../base/channels/removed-channels";
import { announceMembership } from "../../base/channels/membership-events";
import { ChatError } from "../../base/errors";
import { findUsersOrThrow } from "../../base/users/find-users";
import { checkUserId, checkUserIds } from "../../base/users/user-id";
import { notifyGroup } from "./notify-group";
import { GroupRole, checkGroupExtProfile, checkGroupId, checkGroupName, checkGroupObject, maxGroupUsersPerCall } from "./group-rules";

/**
 * Creates a group of `owner` (role 3, also its creator) and `userIds` (members). Every user must exist;
 * a group of that id existing already is a conflict. `maxUserIds` is the older API's
 * larger limit; v4 takes the contract's.
 */
export async function createGroup(input: {
  appId: string;
  channelId: string;
  name: string;
  owner: string;
  userIds?: string[];
  groupProfile?: Record<string, unknown>;
  permissions?: Record<string, unknown>;
  groupExtProfile?: Record<string, string>;
  maxUserIds?: number;
}): Promise<void> {
  const channelId = checkGroupId(input.channelId);
  const name = checkGroupName(input.name);
  const owner = checkUserId(input.owner, "owner");
  const invited = input.userIds?.length ? checkUserIds(input.userIds, { max: input.maxUserIds ?? maxGroupUsersPerCall }) : [];
  if (input.groupProfile) checkGroupObject("groupProfile", input.groupProfile);
  if (input.permissions) checkGroupObject("permissions", input.permissions);
  if (input.groupExtProfile) checkGroupExtProfile(input.groupExtProfile);
  const userIds = [owner, ...invited.filter((userId) => userId !== owner)];
  await findUsersOrThrow({ appId: input.appId, userIds });
  const appId = input.appId;
  const group = await db.channel
    .create({
      data: {
        appId,
        type: ChannelType.group,
        channelId,
        name,
        ownerId: owner,
        creatorId: owner,
        profile: JSON.stringify(input.groupProfile ?? {}),
        extProfile: JSON.stringify(input.groupExtProfile ?? {}),
        permissions: JSON.stringify(input.permissions ?? {}),
        members: { create: userIds.map((userId) => ({ appId, userId, role: userId === owner ? GroupRole.owner : GroupRole.member })) },
      },
      select: { id: true },
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? new ChatError("conflict", `Group ${channelId} exists already`) : error;
    });
  await forgetRemovedChannel({ appId, type: ChannelType.group, channelId });
  await announceMembership({ appId, userIds, channelKeys: [group.id], joined: true });
  await notifyGroup({ appId, channelId, operatorUserId: owner, operation: "Create", data: { name, targetUserIds: userIds.slice(1) } });
}
