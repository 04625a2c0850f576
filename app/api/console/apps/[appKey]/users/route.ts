import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { searchUsers } from "@/lib/chat/products/users";

const query = z.object({ q: z.string().optional(), after: z.string().optional() });

export const GET = consoleRoute({ app: true, query }, async ({ app, query }) => searchUsers({ appId: app.id, query: query.q, after: query.after }));
