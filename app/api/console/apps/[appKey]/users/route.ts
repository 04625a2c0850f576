import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { findAppId } from "@/lib/chat/base/apps/find-apps";
import { searchUsers } from "@/lib/chat/products/users";

const query = z.object({ q: z.string().optional(), after: z.string().optional() });

export const GET = consoleRoute({ params: z.object({ appKey: z.string() }), query }, async ({ params, query }) =>
  searchUsers({ appId: await findAppId(params.appKey), query: query.q, after: query.after }),
);
