import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { developmentUsersLeft, searchUsers } from "@/lib/chat/products/users";
import type { ConsoleUserPage } from "@/lib/contract";

const query = z.object({ q: z.string().optional(), after: z.string().optional() });

export const GET = consoleRoute(
  { app: true, query },
  async ({ app, query }): Promise<ConsoleUserPage> => ({
    ...(await searchUsers({ appId: app.id, query: query.q, after: query.after })),
    usersLeft: app.environment === "development" ? await developmentUsersLeft(app.id) : null,
  }),
);
