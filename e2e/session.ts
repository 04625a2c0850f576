import { type APIRequestContext, expect } from "@playwright/test";
import { admin } from "./operator";

/**
 * Signs an operator (the first one unless told) in through next-auth's API, the way the
 * sign-in form does. Given `page.request`, the session cookie lands in the page's browser context too.
 */
export async function signInThroughApi(request: APIRequestContext, operator: { email: string; password: string } = admin) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", { form: { email: operator.email, password: operator.password, csrfToken, json: "true" } });
  expect(response.ok(), "signing in through the API").toBe(true);
}
