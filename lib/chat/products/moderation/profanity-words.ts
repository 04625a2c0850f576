import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { profanityFilterCache } from "./profanity-filter";

/** Most words an app's filter holds. */
export const maxProfanityWords = 1000;
const maxWordLength = 32;

export type ProfanityWordInput = { word: string; replacement?: string };

function checkWord(word: string, field = "word") {
  if (word.trim().length === 0 || word.length > maxWordLength) throw new ChatError("invalidParameter", `${field} must be 1 to ${maxWordLength} characters`);
}

/**
 * Adds words to the app's profanity filter, or changes the replacement of words it has;
 * returns how many more words it can take.
 */
export async function addProfanityWords(input: { appId: string; words: ProfanityWordInput[] }): Promise<{ remainingQuota: number }> {
  if (input.words.length < 1 || input.words.length > 100) throw new ChatError("invalidParameter", "words must hold 1 to 100 words");
  for (const { word, replacement } of input.words) {
    checkWord(word);
    if (replacement !== undefined && replacement.length > maxWordLength) {
      throw new ChatError("invalidParameter", `replacement must be at most ${maxWordLength} characters`);
    }
  }
  const where = { appId: input.appId };
  const words = new Map(input.words.map((entry) => [entry.word, entry.replacement ?? null]));
  const known = await db.profanityWord.count({ where: { ...where, word: { in: [...words.keys()] } } });
  const count = await db.profanityWord.count({ where });
  if (count + words.size - known > maxProfanityWords) {
    throw new ChatError("unprocessable", `The profanity filter holds at most ${maxProfanityWords} words; ${maxProfanityWords - count} more fit`);
  }
  // One time for the whole batch: its words then list alphabetically, whichever database.
  const createdAt = new Date();
  await db.$transaction(
    [...words].map(([word, replacement]) =>
      db.profanityWord.upsert({ where: { appId_word: { ...where, word } }, create: { ...where, word, replacement, createdAt }, update: { replacement } }),
    ),
  );
  await profanityFilterCache.invalidate(input.appId);
  return { remainingQuota: maxProfanityWords - (await db.profanityWord.count({ where })) };
}

export async function removeProfanityWords(input: { appId: string; words: string[] }): Promise<void> {
  if (input.words.length < 1 || input.words.length > 100) throw new ChatError("invalidParameter", "words must hold 1 to 100 words");
  input.words.forEach((word) => checkWord(word));
  await db.profanityWord.deleteMany({ where: { appId: input.appId, word: { in: input.words } } });
  await profanityFilterCache.invalidate(input.appId);
}

/** The contract's filter types: "0" replacement words, "1" blocked words, "2" all. */
const filterTypes = { replace: "0", block: "1", all: "2" } as const;

export async function findProfanityWords(input: { appId: string; filterType?: string }) {
  const filterType = input.filterType ?? filterTypes.block;
  if (!Object.values(filterTypes).includes(filterType as never)) {
    throw new ChatError("invalidParameter", 'filterType must be "0" (replaced words), "1" (blocked words) or "2" (all)');
  }
  const rows = await db.profanityWord.findMany({
    where: {
      appId: input.appId,
      ...(filterType === filterTypes.replace && { replacement: { not: null } }),
      ...(filterType === filterTypes.block && { replacement: null }),
    },
    orderBy: [{ createdAt: "asc" }, { word: "asc" }],
  });
  return {
    words: rows.map((row) => ({
      word: row.word,
      replacement: row.replacement ?? "",
      filterType: row.replacement === null ? filterTypes.block : filterTypes.replace,
    })),
  };
}
