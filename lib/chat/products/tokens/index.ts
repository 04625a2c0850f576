// Access tokens: issuing, checking and expiring the tokens clients connect with.
// The public face of this product: other folders import from here, never from its files.
export { signAccessToken } from "./access-token";
export { authenticateAccessToken } from "./authenticate-access-token";
export type { AuthenticatedUser } from "./authenticate-access-token";
export { expireAccessTokens } from "./expire-access-tokens";
export { issueAccessToken } from "./issue-access-token";
export { issueTokensForUsers, maxUsersPerTokenCall } from "./issue-tokens-for-users";
export { registerTestUser } from "./register-test-user";
