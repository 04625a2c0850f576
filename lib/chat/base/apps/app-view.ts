import type { AppEnvironment, AppView } from "../../../contract";
import type { App } from "../../../db/generated/postgresql/client";

export const appEnvironments = ["development", "production"] as const satisfies readonly AppEnvironment[];

export function toAppView(app: App, options: { withSecret: boolean }): AppView {
  return {
    id: app.id,
    name: app.name,
    environment: app.environment,
    appKey: app.key,
    ...(options.withSecret ? { appSecret: app.secret } : {}),
    previousSecretExpiresAt: app.previousSecretExpiresAt?.toISOString() ?? null,
    createdAt: app.createdAt.toISOString(),
  };
}
