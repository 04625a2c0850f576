import { describe, expect, it } from "vitest";
import { ChatError } from "../../base/errors";
import { checkJoinLimit, checkSubchannelLimit, checkVisibility, maxJoinedCommunities, maxSubchannels } from "./community-rules";

describe("community rules", () => {
  it("let a user join up to 100 communities and refuse the 101st", () => {
    expect(() => checkJoinLimit(new Map([["amy", maxJoinedCommunities - 1]]))).not.toThrow();
    expect(() => checkJoinLimit(new Map([["amy", 3], ["bob", maxJoinedCommunities]]))).toThrow(
      new ChatError("unprocessable", "A user joins at most 100 communities; bob is in 100"),
    );
  });

  it("let a community hold 50 subchannels and refuse the 51st", () => {
    expect(() => checkSubchannelLimit(maxSubchannels - 1)).not.toThrow();
    expect(() => checkSubchannelLimit(maxSubchannels)).toThrow(new ChatError("unprocessable", "A community holds at most 50 subchannels"));
  });

  it("read channelVisibility 0 or none as public and 1 as private", () => {
    expect(checkVisibility(undefined)).toBe(false);
    expect(checkVisibility(0)).toBe(false);
    expect(checkVisibility(1)).toBe(true);
    expect(() => checkVisibility(6)).toThrow("channelVisibility must be 0 (public) or 1 (private)");
  });
});
