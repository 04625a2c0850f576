import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { createApp } from "@/lib/chat/base/apps/create-app";
import { findApps } from "@/lib/chat/base/apps/find-apps";
import { appEnvironments } from "@/lib/chat/base/apps/app-view";

export const GET = consoleRoute({}, async () => ({ apps: await findApps() }));

const createAppBody = z.object({ name: z.string(), environment: z.enum(appEnvironments) });

export const POST = consoleRoute({ body: createAppBody, status: 201, audit: "app.create" }, async ({ body }) => ({ app: await createApp(body) }));
