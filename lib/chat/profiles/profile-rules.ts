import { ChatError } from "../errors";

/** Largest profile, as JSON text. */
export const maxProfileBytes = 8 * 1024;
const maxExtEntries = 20;

export function checkUserProfile(profile: Record<string, unknown>) {
  if (Buffer.byteLength(JSON.stringify(profile)) > maxProfileBytes) throw new ChatError("invalidParameter", `userProfile exceeds ${maxProfileBytes} bytes`);
}

/** Ext profiles: at most 20 `ext_` keys of letters, digits and _, with string values of at most 1024 characters. */
export function checkUserExtProfile(profile: Record<string, string>) {
  const entries = Object.entries(profile);
  if (entries.length > maxExtEntries) throw new ChatError("invalidParameter", `userExtProfile holds at most ${maxExtEntries} entries`);
  for (const [key, value] of entries) {
    if (!/^ext_[A-Za-z0-9_]{1,27}$/.test(key)) throw new ChatError("invalidParameter", `userExtProfile key ${key} must look like ext_name (letters, digits, _)`);
    if (value.length > 1024) throw new ChatError("invalidParameter", `userExtProfile.${key} must be at most 1024 characters`);
  }
}
