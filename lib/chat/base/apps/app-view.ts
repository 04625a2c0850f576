import type { App } from "../../../db/generated/postgresql/client";

export const appEnvironments = ["development", "production"] as const;
export type AppEnvironment = (typeof appEnvironments)[number];

/** What the console and the CLI show of an app. The secret is included only when asked for. */
export type AppView = {
  id: string;
  name: string;
  environment: string;
  appKey: string;
  appSecret?: string;
  previousSecretExpiresAt: string | null;
  createdAt: string;
};

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
