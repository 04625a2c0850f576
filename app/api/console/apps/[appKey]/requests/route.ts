import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";

import { findApiRequests } from "@/lib/platform-api/request-log";

const query = z.object({ path: z.string().optional(), status: z.enum(["2xx", "4xx", "5xx"]).optional(), before: z.string().optional() });

export const GET = consoleRoute({ app: true, query }, async ({ app, query }) => findApiRequests({ appId: app.id, ...query }));
