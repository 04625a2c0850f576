import { describe, expect, it } from "vitest";
import { generateMessageId, messageIdPattern } from "./message-id";

describe("generateMessageId", () => {
  it("gives well-formed, distinct ids across refills of its random pool", () => {
    const ids = Array.from({ length: 1000 }, generateMessageId);
    for (const id of ids) expect(id).toMatch(messageIdPattern);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
