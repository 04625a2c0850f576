import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";

import { recallStoredMessage } from "@/lib/chat/messages/stored-messages";

export const POST = consoleRoute({ app: true, params: z.object({ messageId: z.string() }), audit: "message.recall" }, async ({ app, params }) => {
  await recallStoredMessage({ appId: app.id, messageId: params.messageId });
  return { ok: true };
});
