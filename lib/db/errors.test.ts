import { describe, expect, it } from "vitest";
import { isDatabaseUnreachable } from "./errors";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("a database out of reach", () => {
  it("is told by the driver's and Prisma's errors, wrapped or not", () => {
    expect(isDatabaseUnreachable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnreachable(withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"))).toBe(true);
    expect(isDatabaseUnreachable(withCode("Can't reach database server at 127.0.0.1:5432", "P1001"))).toBe(true);
    expect(isDatabaseUnreachable(withCode("terminating connection due to administrator command", "57P01"))).toBe(true);
    expect(isDatabaseUnreachable(withCode("connection failure", "08006"))).toBe(true);
    expect(isDatabaseUnreachable(new Error("query failed", { cause: withCode("read ECONNRESET", "ECONNRESET") }))).toBe(true);
  });

  it("is not what a reachable database refuses", () => {
    expect(isDatabaseUnreachable(withCode("Unique constraint failed", "P2002"))).toBe(false);
    expect(isDatabaseUnreachable(withCode('relation "X" does not exist', "42P01"))).toBe(false);
    expect(isDatabaseUnreachable(new Error("something else"))).toBe(false);
    expect(isDatabaseUnreachable("text")).toBe(false);
  });
});
