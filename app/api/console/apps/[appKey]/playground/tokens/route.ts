import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { issueTokensForUsers } from "@/lib/chat/products/tokens";

const body = z.object({ userIds: z.array(z.string(), { error: "userIds is a list of the app's user ids" }) });

/**
 * Admins only: access tokens for users of the app, for the chat playground's sessions in the
 * operator's browser. Each call is in the audit log with the users it gave tokens to (never the tokens).
 */
export const POST = consoleRoute({ app: true, body, role: "admin", audit: "playground.tokens.issue" }, async ({ app, body }) => ({
  tokens: await issueTokensForUsers({ appId: app.id, userIds: body.userIds }),
}));
