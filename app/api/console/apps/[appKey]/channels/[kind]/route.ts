import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { searchChannels } from "@/lib/chat/console/console-channels";

const query = z.object({ q: z.string().optional(), after: z.string().optional() });

export const GET = consoleRoute({ app: true, params: z.object({ kind: z.string() }), query }, async ({ app, params, query }) =>
  searchChannels({ appId: app.id, kind: params.kind, query: query.q, after: query.after }),
);
