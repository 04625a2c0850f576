import { randomUUID } from "node:crypto";

/**
 * `depth` arrays inside each other, in a value the tests send: `jsonText` writes it as text,
 * since JSON.stringify overflows the stack a few thousand levels down.
 */
export class NestedJson {
  constructor(readonly depth: number) {}

  get text(): string {
    return "[".repeat(this.depth) + "]".repeat(this.depth);
  }
}

/** JSON.stringify, writing each NestedJson in `value` as its text. */
export function jsonText(value: unknown): string {
  const mark = randomUUID();
  const nested: NestedJson[] = [];
  const text = JSON.stringify(value, (_, item: unknown) => (item instanceof NestedJson ? `${mark}:${nested.push(item) - 1}` : item));
  return text.replace(new RegExp(`"${mark}:(\\d+)"`, "g"), (_, index: string) => nested[Number(index)]!.text);
}
