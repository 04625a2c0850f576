import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { findAppId } from "@/lib/chat/base/apps/find-apps";
import { getUserOverview } from "@/lib/chat/products/users";

export const GET = consoleRoute({ params: z.object({ appKey: z.string(), userId: z.string() }) }, async ({ params }) => ({
  user: await getUserOverview({ appId: await findAppId(params.appKey), userId: params.userId }),
}));
