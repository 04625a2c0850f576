import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { maxRotationGraceHours, rotateAppSecret } from "@/lib/chat/base/apps/rotate-app-secret";

const body = z.object({ graceHours: z.number().int().min(0).max(maxRotationGraceHours) });

export const POST = consoleRoute({ app: true, body, audit: "app.secret.rotate" }, async ({ app, body }) => ({
  app: await rotateAppSecret({ appKey: app.appKey, graceHours: body.graceHours }),
}));
