import { consoleRoute } from "@/lib/auth/console-route";
import { getAppOrThrow } from "@/lib/chat/base/apps/find-apps";

// The App Secret has its own route so that pages load without it and reveal it on request,
// to admins, with a line in the audit log.
export const GET = consoleRoute({ app: true, role: "admin", audit: "app.secret.reveal" }, async ({ app }) => ({
  app: await getAppOrThrow({ appKey: app.appKey, withSecret: true }),
}));
