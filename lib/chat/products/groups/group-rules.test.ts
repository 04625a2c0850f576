import { describe, expect, it } from "vitest";
import { ChatError } from "../../base/errors";
import { checkMemberLimit, checkRoleFilter, maxGroupMembers } from "./group-rules";

describe("group rules", () => {
  it("let a group fill up to its member limit and refuse one member more", () => {
    expect(() => checkMemberLimit(maxGroupMembers - 30, 30)).not.toThrow();
    expect(() => checkMemberLimit(maxGroupMembers - 30, 31)).toThrow(new ChatError("unprocessable", "A group holds at most 3000 members; it has 2970"));
    expect(() => checkMemberLimit(maxGroupMembers, 0)).not.toThrow();
  });

  it("read role filter 0 and none as all roles, and refuse unknown roles", () => {
    expect(checkRoleFilter(undefined, "role")).toBeUndefined();
    expect(checkRoleFilter(0, "role")).toBeUndefined();
    expect(checkRoleFilter(3, "role")).toBe(3);
    expect(() => checkRoleFilter(4, "memberRole")).toThrow("memberRole must be 0 (all), 1 (member), 2 (admin) or 3 (owner)");
  });
});
