import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { expireAccessTokens } from "@/lib/chat/products/tokens";
import { banUsers, deleteUsersForGood, kickUserSessions, restoreUsers, softDeleteUsers, unbanUsers } from "@/lib/chat/products/users";
import type { UserAction } from "@/lib/contract";

const actions = ["ban", "unban", "kick", "invalidate-tokens", "delete", "restore", "delete-for-good"] as const satisfies readonly UserAction[];
const params = z.object({ userId: z.string(), action: z.enum(actions, { error: `the action is one of ${actions.join(", ")}` }) });
/** A ban lasts `durationMinutes`, or `forever`; a delete for good keeps the user's messages unless `removeMessages`; the other actions take no fields. */
const body = z.object({ durationMinutes: z.number().int().optional(), forever: z.literal(true).optional(), removeMessages: z.boolean().optional() });

/** One action on one user, each a core call the Platform API makes too. */
export const POST = consoleRoute({ app: true, params, body, audit: (params) => `user.${params.action}` }, async ({ app, params, body }) => {
  const user = { appId: app.id, userIds: [params.userId] };
  switch (params.action) {
    case "ban":
      await banUsers(body.forever ? { ...user, forever: true } : { ...user, durationMinutes: body.durationMinutes ?? 0 });
      break;
    case "unban":
      await unbanUsers(user);
      break;
    case "kick":
      await kickUserSessions({ appId: app.id, userId: params.userId });
      break;
    case "invalidate-tokens":
      await expireAccessTokens({ ...user, expiresAt: Date.now() });
      break;
    case "delete":
      await softDeleteUsers(user);
      break;
    case "restore":
      await restoreUsers(user);
      break;
    case "delete-for-good":
      return { ok: true, ...(await deleteUsersForGood({ app, userIds: user.userIds, removeMessages: body.removeMessages ?? false })) };
  }
  return { ok: true };
});
