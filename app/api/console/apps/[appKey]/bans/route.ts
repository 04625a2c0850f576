import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { findBannedUsers } from "@/lib/chat/products/users";

const query = z.object({ userId: z.string().optional(), page: z.coerce.number().int().optional() });

export const GET = consoleRoute({ app: true, query }, async ({ app, query }) => ({
  users: await findBannedUsers({ appId: app.id, userIdPrefix: query.userId, page: query.page, pageSize: 100 }),
}));
