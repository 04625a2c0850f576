import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { findAppId } from "@/lib/chat/base/apps/find-apps";
import { recallStoredMessage } from "@/lib/chat/messages/stored-messages";

export const POST = consoleRoute({ params: z.object({ appKey: z.string(), messageId: z.string() }), audit: "message.recall" }, async ({ params }) => {
  await recallStoredMessage({ appId: await findAppId(params.appKey), messageId: params.messageId });
  return { ok: true };
});
