import { type APIRequestContext, expect } from "@playwright/test";

/** Creates an app through the console API and returns it with its secret. */
export async function createAppThroughApi(request: APIRequestContext, input: { name: string; environment?: "development" | "production" }) {
  const response = await request.post("/api/console/apps", { data: { environment: "development", ...input } });
  expect(response.status(), "creating an app through the console API").toBe(201);
  const { app } = (await response.json()) as { app: { appKey: string; appSecret: string; name: string } };
  return app;
}

/** A name no other test uses, so tests sharing the server's database never collide. */
export const uniqueName = (prefix: string) => `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
