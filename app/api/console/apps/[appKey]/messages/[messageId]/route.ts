import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { findAppId } from "@/lib/chat/base/apps/find-apps";
import { getStoredMessage } from "@/lib/chat/messages/stored-messages";

export const GET = consoleRoute({ params: z.object({ appKey: z.string(), messageId: z.string() }) }, async ({ params }) => ({
  message: await getStoredMessage({ appId: await findAppId(params.appKey), messageId: params.messageId }),
}));
