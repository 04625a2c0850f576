import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { getAppOrThrow } from "@/lib/chat/apps/find-apps";

export const GET = consoleRoute({ params: z.object({ appKey: z.string() }) }, async ({ params }) => ({
  app: await getAppOrThrow({ appKey: params.appKey }),
}));
