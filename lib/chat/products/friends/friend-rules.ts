import { checkExtAttributes } from "../profiles";

/** Most friends one user can have. */
export const maxFriends = 3000;
/** Most users named in one friend call. */
export const maxFriendTargets = 100;

export const FriendPermission = { everyone: 1, approval: 2, nobody: 3 } as const;
export const FriendAction = { withApproval: 1, direct: 2 } as const;

/** Friend ext profiles: at most 10 ext_ attributes. */
export const checkFriendExtProfile = (profile: Record<string, string>) => checkExtAttributes("friendExtProfile", profile, 10);
