export type AppEnvironment = "development" | "production";

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
