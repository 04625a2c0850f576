import { consoleRoute } from "@/lib/auth/console-route";
import { getOverview } from "@/lib/chat/base/analytics/read-analytics";

export const GET = consoleRoute({ app: true }, async ({ app }) => getOverview({ appId: app.id }));
