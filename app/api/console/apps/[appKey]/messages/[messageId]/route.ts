import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";

import { getStoredMessage } from "@/lib/chat/messages/stored-messages";

export const GET = consoleRoute({ app: true, params: z.object({ messageId: z.string() }) }, async ({ app, params }) => ({
  message: await getStoredMessage({ appId: app.id, messageId: params.messageId }),
}));
