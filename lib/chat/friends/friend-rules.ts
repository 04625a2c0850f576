import { ChatError } from "../errors";

/** Most friends one user can have. */
export const maxFriends = 3000;
/** Most users named in one friend call. */
export const maxFriendTargets = 100;

export const FriendPermission = { everyone: 1, approval: 2, nobody: 3 } as const;
export const FriendAction = { withApproval: 1, direct: 2 } as const;

/** Friend ext profiles: at most 10 `ext_` keys of letters, digits and _, with string values. */
export function checkFriendExtProfile(profile: Record<string, string>) {
  const entries = Object.entries(profile);
  if (entries.length > 10) throw new ChatError("invalidParameter", "friendExtProfile holds at most 10 entries");
  for (const [key, value] of entries) {
    if (!/^ext_[A-Za-z0-9_]{1,27}$/.test(key)) throw new ChatError("invalidParameter", `friendExtProfile key ${key} must look like ext_name (letters, digits, _)`);
    if (value.length > 1024) throw new ChatError("invalidParameter", `friendExtProfile.${key} must be at most 1024 characters`);
  }
}
