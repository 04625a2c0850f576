import { getBus, topics } from "../../../bus";

/** A session's presence lives a minute unless refreshed: the entries of a node that died expire. */
export const presenceTtlMs = 60_000;

type UserPresence = { appId: string; userId: string };

/** Records (or refreshes) one session, by its presence entry, among its user's sessions on every node. */
export async function setPresence(input: UserPresence & { entry: string }): Promise<void> {
  await getBus().setPresence(topics.presence(input.appId, input.userId), input.entry, presenceTtlMs);
}

export async function clearPresence(input: UserPresence & { entry: string }): Promise<void> {
  await getBus().clearPresence(topics.presence(input.appId, input.userId), input.entry);
}

/** The presence entries of the user's sessions on every node (see presence-entry.ts). */
export async function findPresenceEntries(input: UserPresence): Promise<string[]> {
  return getBus().listPresence(topics.presence(input.appId, input.userId));
}
