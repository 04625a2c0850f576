import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { analyticsRangeSchema, getAnalytics } from "@/lib/chat/base/analytics/read-analytics";

export const GET = consoleRoute({ app: true, query: z.object({ range: analyticsRangeSchema.default("7d") }) }, async ({ app, query }) =>
  getAnalytics({ appId: app.id, range: query.range }),
);
