import { z } from "zod";
import { issueAccessToken } from "../../chat/tokens/issue-access-token";
import { defineEndpoint } from "../endpoint";

export const issueAccessTokenEndpoint = defineEndpoint({
  path: "/v4/auth/access-token/issue",
  operationId: "issueAccessToken",
  summary: "Register a user (or update a known user's name and avatar) and issue an access token",
  tag: "UserManagement",
  body: "json",
  request: z.object({
    userId: z.string(),
    name: z.string(),
    avatarUrl: z.string().optional(),
  }),
  result: z.object({ userId: z.string(), accessToken: z.string() }),
  errors: [],
  handle: ({ app, input }) => issueAccessToken({ app, ...input }),
});
