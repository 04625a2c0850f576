import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { deleteApp } from "@/lib/chat/base/apps/delete-app";
import { getAppOrThrow } from "@/lib/chat/base/apps/find-apps";

const params = z.object({ appKey: z.string() });

export const GET = consoleRoute({ params }, async ({ params }) => ({
  app: await getAppOrThrow({ appKey: params.appKey }),
}));

/** Only owners delete apps, after typing the app's name. */
export const DELETE = consoleRoute({ params, body: z.object({ confirmName: z.string() }), role: "owner", audit: "app.delete" }, async ({ params, body }) => {
  await deleteApp({ appKey: params.appKey, confirmName: body.confirmName });
  return { ok: true };
});
