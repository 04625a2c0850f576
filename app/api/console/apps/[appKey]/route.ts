import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { deleteApp } from "@/lib/chat/base/apps/delete-app";

export const GET = consoleRoute({ app: true }, async ({ app }) => ({ app }));

/** Only owners delete apps, after typing the app's name. */
export const DELETE = consoleRoute({ app: true, body: z.object({ confirmName: z.string() }), role: "owner", audit: "app.delete" }, async ({ app, body }) => {
  await deleteApp({ appKey: app.appKey, confirmName: body.confirmName });
  return { ok: true };
});
