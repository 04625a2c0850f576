import { z } from "zod";
import { expireAccessTokens, issueAccessToken } from "../../chat/products/tokens";
import { defineEndpoint, perSecond, v4Endpoint } from "../endpoint";

const v4 = v4Endpoint({ tag: "UserManagement", rateLimit: perSecond(100) });

const issueAccessTokenEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/auth/access-token/issue",
  operationId: "issueAccessToken",
  summary: "Register a user (or update a known user's name and avatar) and issue an access token",
  request: z.object({
    userId: z.string(),
    name: z.string(),
    avatarUrl: z.string().optional(),
  }),
  result: z.object({ userId: z.string(), accessToken: z.string() }),
  rateLimit: perSecond(200),
  errors: ["forbidden", "userLimitReached"],
  handle: ({ app, input }) => issueAccessToken({ app, ...input }),
});

const expireAccessTokensEndpoint = defineEndpoint({
  ...v4,
  path: "/v4/auth/access-token/expire",
  operationId: "expireAccessToken",
  summary: "Invalidate the access tokens of users issued before a time, disconnecting their sessions",
  request: z.object({
    userIds: z.array(z.string()),
    /** Unix time in milliseconds. */
    expiresAt: z.number().int(),
  }),
  result: null,
  errors: [],
  handle: ({ app, input }) => expireAccessTokens({ appId: app.id, ...input }),
});

export const accessTokenEndpoints = [
  issueAccessTokenEndpoint,
  expireAccessTokensEndpoint,
];
