import { ChatError } from "../../base/errors";

/** Largest profile, as JSON text. */
export const maxProfileBytes = 8 * 1024;
const maxExtEntries = 20;

export function checkUserProfile(profile: Record<string, unknown>) {
  if (Buffer.byteLength(JSON.stringify(profile)) > maxProfileBytes) throw new ChatError("invalidParameter", `userProfile exceeds ${maxProfileBytes} bytes`);
}

/**
 * Ext attributes (of a user's profile, or of a friend): `ext_` keys of letters, digits
 * and _, with string values of at most 1024 characters.
 */
export function checkExtAttributes(field: string, attributes: Record<string, string>, maxEntries: number) {
  const entries = Object.entries(attributes);
  if (entries.length > maxEntries) throw new ChatError("invalidParameter", `${field} holds at most ${maxEntries} entries`);
  for (const [key, value] of entries) {
    if (!/^ext_[A-Za-z0-9_]{1,27}$/.test(key)) throw new ChatError("invalidParameter", `${field} key ${key} must look like ext_name (letters, digits, _)`);
    if (value.length > 1024) throw new ChatError("invalidParameter", `${field}.${key} must be at most 1024 characters`);
  }
}

export const checkUserExtProfile = (profile: Record<string, string>) => checkExtAttributes("userExtProfile", profile, maxExtEntries);
