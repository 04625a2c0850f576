import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("migrations", () => {
  it("keep up with the schema for both providers", () => {
    const output = execFileSync("npx", ["tsx", "prisma/scripts/check-migrations.ts"], { encoding: "utf8", stdio: "pipe" });
    // PostgreSQL is checked where a server answers (always in CI); SQLite everywhere.
    expect(output).toMatch(/migrations are up to date for (postgresql and )?sqlite/);
  }, 120_000);
});
