import { describe, expect, it } from "vitest";
import type { DebuggerEndpoint } from "@/lib/contract";
import { searchEndpoints } from "./endpoint-search";

const endpoint = (path: string, tag: string, summary: string, operationId = path): DebuggerEndpoint => ({
  path,
  tag,
  summary,
  operationId,
  api: tag === "Compatibility" ? "compatibility" : "v4",
  rateLimit: "100 calls/second per app",
  extension: false,
  schema: {},
});
const endpoints = [
  endpoint("/user/block.json", "Compatibility", "Ban users (older API)"),
  endpoint("/v4/auth/access-token/issue", "Auth", "Register a user and issue a token", "issueAccessToken"),
  endpoint("/v4/user/ban", "UserManagement", "Ban users for a number of minutes"),
  endpoint("/v4/user/get", "UserManagement", "Get a user's name"),
  endpoint("/v4/group-channel/create", "GroupChannels", "Create a group"),
];
const paths = (query: string) => searchEndpoints(endpoints, query).map((group) => [group.tag, group.endpoints.map((found) => found.path)]);

describe("searchEndpoints", () => {
  it("groups every endpoint by tag, in declaration order, for an empty query", () => {
    expect(paths("  ")).toEqual([
      ["Auth", ["/v4/auth/access-token/issue"]],
      ["UserManagement", ["/v4/user/ban", "/v4/user/get"]],
      ["GroupChannels", ["/v4/group-channel/create"]],
      ["Compatibility", ["/user/block.json"]],
    ]);
  });

  it("finds by path, summary, tag or operation id, every word in any case", () => {
    expect(paths("user/ban")).toEqual([["UserManagement", ["/v4/user/ban"]]]);
    expect(paths("ban users")).toEqual([
      ["UserManagement", ["/v4/user/ban"]],
      ["Compatibility", ["/user/block.json"]],
    ]);
    expect(paths("MINUTES")).toEqual([["UserManagement", ["/v4/user/ban"]]]);
    expect(paths("groupchannels")).toEqual([["GroupChannels", ["/v4/group-channel/create"]]]);
    expect(paths("issueAccess")).toEqual([["Auth", ["/v4/auth/access-token/issue"]]]);
    expect(paths("user name")).toEqual([["UserManagement", ["/v4/user/get"]]]);
    expect(paths("nothing-like-this")).toEqual([]);
  });
});
