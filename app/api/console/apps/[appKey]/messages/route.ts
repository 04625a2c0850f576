import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { findAppId } from "@/lib/chat/base/apps/find-apps";
import { searchMessages } from "@/lib/chat/messages/stored-messages";

export const GET = consoleRoute({ params: z.object({ appKey: z.string() }), query: z.record(z.string(), z.string()) }, async ({ params, query }) => {
  const { before, ...filters } = query;
  return searchMessages({ appId: await findAppId(params.appKey), filters, before });
});
