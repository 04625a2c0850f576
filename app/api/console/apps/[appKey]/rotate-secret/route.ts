import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { maxRotationGraceHours, rotateAppSecret } from "@/lib/chat/base/apps/rotate-app-secret";

const rotateSecret = {
  params: z.object({ appKey: z.string() }),
  body: z.object({ graceHours: z.number().int().min(0).max(maxRotationGraceHours) }),
  audit: "app.secret.rotate",
};

export const POST = consoleRoute(rotateSecret, async ({ params, body }) => ({
  app: await rotateAppSecret({ appKey: params.appKey, graceHours: body.graceHours }),
}));
