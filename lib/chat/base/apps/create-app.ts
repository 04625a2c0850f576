import type { AppEnvironment, AppView } from "../../../contract";
import { db } from "../../../db/client";
import { ChatError } from "../errors";
import { generateAppKey, generateSecret } from "./app-credentials";
import { appEnvironments, toAppView } from "./app-view";

/** Creates an app with fresh credentials and returns it with its secret. */
export async function createApp(input: { name: string; environment?: AppEnvironment }): Promise<AppView> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 64) throw new ChatError("invalidParameter", "name must be 1 to 64 characters");
  const environment = input.environment ?? "development";
  if (!appEnvironments.includes(environment)) {
    throw new ChatError("invalidParameter", `environment must be one of: ${appEnvironments.join(", ")}`);
  }
  const app = await db.app.create({
    data: { name, environment, key: generateAppKey(), secret: generateSecret(), tokenKey: generateSecret() },
  });
  return toAppView(app, { withSecret: true });
}
