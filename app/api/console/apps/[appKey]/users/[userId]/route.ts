import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { getUserOverview } from "@/lib/chat/products/users";

export const GET = consoleRoute({ app: true, params: z.object({ userId: z.string() }) }, async ({ app, params }) => ({
  user: await getUserOverview({ appId: app.id, userId: params.userId }),
}));
