import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";

import { searchMessages } from "@/lib/chat/messages/stored-messages";

export const GET = consoleRoute({ app: true, query: z.record(z.string(), z.string()) }, async ({ app, query }) => {
  const { before, ...filters } = query;
  return searchMessages({ appId: app.id, filters, before });
});
