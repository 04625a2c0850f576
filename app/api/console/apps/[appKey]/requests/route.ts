import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { findAppId } from "@/lib/chat/base/apps/find-apps";
import { findApiRequests } from "@/lib/platform-api/request-log";

const query = z.object({ path: z.string().optional(), status: z.enum(["2xx", "4xx", "5xx"]).optional(), before: z.string().optional() });

export const GET = consoleRoute({ params: z.object({ appKey: z.string() }), query }, async ({ params, query }) =>
  findApiRequests({ appId: await findAppId(params.appKey), ...query }),
);
