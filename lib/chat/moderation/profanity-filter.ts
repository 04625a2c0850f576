import { db } from "../../db/client";
import { createCache } from "../cache";
import { ChatError } from "../errors";

type Filter = { blocked: string[]; replaced: { word: string; replacement: string }[] };

export const profanityFilterCache = createCache<Filter>({
  name: "profanity-filter",
  maxEntries: 10_000,
  ttlMs: 10_000,
  load: async (appId) => {
    const rows = await db.profanityWord.findMany({ where: { appId }, select: { word: true, replacement: true } });
    return {
      blocked: rows.filter((row) => row.replacement === null).map((row) => row.word.toLowerCase()),
      replaced: rows.flatMap((row) => (row.replacement === null ? [] : [{ word: row.word, replacement: row.replacement }])),
    };
  },
});

/**
 * Applies the app's profanity filter to the text of a message (`content.content`):
 * a blocked word refuses the message, a replaced word is swapped for its replacement,
 * ignoring case. Returns the content to store.
 */
export async function applyProfanityFilter(appId: string, content: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (typeof content.content !== "string") return content;
  const filter = await profanityFilterCache.get(appId);
  if (!filter || (filter.blocked.length === 0 && filter.replaced.length === 0)) return content;
  const lower = content.content.toLowerCase();
  const blocked = filter.blocked.find((word) => lower.includes(word));
  if (blocked) throw new ChatError("messageBlocked", "The message contains a word this app does not allow");
  let text = content.content;
  for (const { word, replacement } of filter.replaced) text = text.replace(new RegExp(escapeRegExp(word), "gi"), replacement);
  return text === content.content ? content : { ...content, content: text };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
