import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { findAppId } from "@/lib/chat/base/apps/find-apps";
import { findBannedUsers } from "@/lib/chat/products/users";

const query = z.object({ userId: z.string().optional(), page: z.coerce.number().int().optional() });

export const GET = consoleRoute({ params: z.object({ appKey: z.string() }), query }, async ({ params, query }) => ({
  users: await findBannedUsers({ appId: await findAppId(params.appKey), userIdPrefix: query.userId, page: query.page, pageSize: 100 }),
}));
