import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { findAppId } from "@/lib/chat/base/apps/find-apps";
import { searchChannels } from "@/lib/chat/console/console-channels";

const query = z.object({ q: z.string().optional(), after: z.string().optional() });

export const GET = consoleRoute({ params: z.object({ appKey: z.string(), kind: z.string() }), query }, async ({ params, query }) =>
  searchChannels({ appId: await findAppId(params.appKey), kind: params.kind, query: query.q, after: query.after }),
);
