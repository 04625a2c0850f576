/** Channel row ids by user id, from rows of (user, channel); each of `userIds` present, with none when it has no row. */
export function channelKeysByUser(userIds: string[], rows: { userId: string; channelId: string }[]): Map<string, string[]> {
  const keys = new Map(userIds.map((userId) => [userId, [] as string[]]));
  for (const row of rows) keys.get(row.userId)?.push(row.channelId);
  return keys;
}
