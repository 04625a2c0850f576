export { signAccessToken } from "./access-token";
export { authenticateAccessToken } from "./authenticate-access-token";
export type { AuthenticatedUser } from "./authenticate-access-token";
export { expireAccessTokens } from "./expire-access-tokens";
export { issueAccessToken } from "./issue-access-token";
