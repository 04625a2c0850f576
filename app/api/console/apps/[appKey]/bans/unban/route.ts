import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { maxUsersPerBan, unbanUsers } from "@/lib/chat/products/users";

const body = z.object({ userIds: z.array(z.string()).min(1, "choose at least one user").max(100, "unban at most 100 users at once") });

export const POST = consoleRoute({ app: true, body, audit: "bans.unban" }, async ({ app, body }) => {
  // The core lifts bans in the Platform API's batches.
  for (let start = 0; start < body.userIds.length; start += maxUsersPerBan) await unbanUsers({ appId: app.id, userIds: body.userIds.slice(start, start + maxUsersPerBan) });
  return { ok: true };
});
