import { ChatError } from "../../base/errors";
import { checkExtAttributes, maxProfileBytes } from "../profiles";
import { checkUserId } from "../../base/users/user-id";

/** Most members a group holds. */
export const maxGroupMembers = 3000;
/** Most users named in one create, join or leave call (the contract's limit). */
export const maxGroupUsersPerCall = 30;
/** The older form API's limit for the same calls. */
export const maxLegacyGroupUsersPerCall = 1000;

/** Most admins a group has. */
export const maxGroupAdmins = 10;

export const GroupRole = { member: 1, admin: 2, owner: 3 } as const;

/**
 * Kinds of a group's per-user rules (ChannelUserRule): an allowed sender may send while
 * the group is frozen or they are muted; `favorite:<memberId>` is a member the rule's
 * user follows.
 */
export const allowedSenderKind = "allowedSender";
export const favoriteKindPrefix = "favorite:";
const roles: number[] = Object.values(GroupRole);

/** Group ids follow the rule of user ids. */
export const checkGroupId = (channelId: string, field = "channelId") => checkUserId(channelId, field);

export function checkGroupName(name: string): string {
  if (name.length < 1 || name.length > 64) throw new ChatError("invalidParameter", "name must be 1 to 64 characters");
  return name;
}

/** groupProfile and permissions are free-form objects, bounded like a user's hosted profile. */
export function checkGroupObject(field: string, value: Record<string, unknown>) {
  if (Buffer.byteLength(JSON.stringify(value)) > maxProfileBytes) throw new ChatError("invalidParameter", `${field} exceeds ${maxProfileBytes} bytes`);
}

/** Group ext profiles: at most 10 ext_ attributes. */
export const checkGroupExtProfile = (profile: Record<string, string>) => checkExtAttributes("groupExtProfile", profile, 10);

/** Refuses adding `added` members to a group of `memberCount` when it would pass the limit. */
export function checkMemberLimit(memberCount: number, added: number) {
  if (memberCount + added > maxGroupMembers) {
    throw new ChatError("unprocessable", `A group holds at most ${maxGroupMembers} members; it has ${memberCount}`);
  }
}

/** A role filter: 0 (or none) all members, else one role. */
export function checkRoleFilter(role: number | undefined, field: string): number | undefined {
  if (role === undefined || role === 0) return undefined;
  if (!roles.includes(role)) throw new ChatError("invalidParameter", `${field} must be 0 (all), 1 (member), 2 (admin) or 3 (owner)`);
  return role;
}
