import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { registerTestUser } from "@/lib/chat/products/tokens";

const body = z.object({ userId: z.string(), name: z.string() });

/** Admins only: registers a test user for the chat playground and answers its first token (audited, without the token). */
export const POST = consoleRoute({ app: true, body, role: "admin", status: 201, audit: "playground.user.create" }, async ({ app, body }) => ({
  token: await registerTestUser({ appId: app.id, ...body }),
}));
