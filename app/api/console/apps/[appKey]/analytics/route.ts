import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { analyticsRangeSchema, getAnalytics } from "@/lib/chat/base/analytics/read-analytics";
import { findAppId } from "@/lib/chat/base/apps/find-apps";

export const GET = consoleRoute({ params: z.object({ appKey: z.string() }), query: z.object({ range: analyticsRangeSchema.default("7d") }) }, async ({ params, query }) =>
  getAnalytics({ appId: await findAppId(params.appKey), range: query.range }),
);
