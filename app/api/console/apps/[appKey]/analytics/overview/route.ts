import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { getOverview } from "@/lib/chat/base/analytics/read-analytics";
import { findAppId } from "@/lib/chat/base/apps/find-apps";

export const GET = consoleRoute({ params: z.object({ appKey: z.string() }) }, async ({ params }) => getOverview({ appId: await findAppId(params.appKey) }));
