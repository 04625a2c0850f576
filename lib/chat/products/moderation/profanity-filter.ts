import { db } from "../../../db/client";
import { getAppSettings } from "../../base/apps/app-settings";
import { createCache } from "../../base/cache";
import { ChatError } from "../../base/errors";

type Word = { word: string; replacement: string | null };

export const profanityFilterCache = createCache<Word[]>({
  name: "profanity-filter",
  maxEntries: 10_000,
  ttlMs: 10_000,
  load: (appId) => db.profanityWord.findMany({ where: { appId }, select: { word: true, replacement: true } }),
});

/**
 * Applies the app's profanity filter to the text of a message (`content.content`), as the
 * app's `profanityFilterMode` says: a word that blocks refuses the message, a replaced word
 * is swapped for its replacement (asterisks when it has none), ignoring case. Returns the
 * content to store.
 */
export async function applyProfanityFilter(appId: string, content: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (typeof content.content !== "string") return content;
  const { profanityFilterMode: mode } = await getAppSettings(appId);
  if (mode === "off") return content;
  const words = (await profanityFilterCache.get(appId)) ?? [];
  if (words.length === 0) return content;
  const blocks = (word: Word) => mode === "block" || (mode === "perWord" && word.replacement === null);
  const lower = content.content.toLowerCase();
  if (words.some((word) => blocks(word) && lower.includes(word.word.toLowerCase()))) {
    throw new ChatError("messageBlocked", "The message contains a word this app does not allow");
  }
  let text = content.content;
  // A function, so that "$" in a replacement is taken as it is.
  for (const word of words) text = text.replace(new RegExp(escapeRegExp(word.word), "gi"), () => word.replacement ?? "*".repeat(word.word.length));
  return text === content.content ? content : { ...content, content: text };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
