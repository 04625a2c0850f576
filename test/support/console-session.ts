import { jsonText } from "./nested-json";
import type { TestServer } from "./test-server";

/** A console operator signed in over HTTP as the sign-in form does: its cookies go with each call. */
export type ConsoleSession = {
  get<T>(path: string): Promise<{ status: number; body: T }>;
  /** `headers` go with the call, as a browser's Origin or Sec-Fetch-Site would. */
  send<T>(method: "POST" | "PUT" | "PATCH" | "DELETE", path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
};

type Credentials = { email: string; password: string };

/** Signs the first operator (the test server's SWITCHBOARD_ADMIN_*) in through next-auth. */
export async function signInToConsole(server: TestServer, operator: Credentials = { email: "owner@example.com", password: "owner-password" }): Promise<ConsoleSession> {
  const attempt = await attemptSignIn(server, operator);
  if (!attempt.session) throw new Error(`signing in failed: ${attempt.error}`);
  return attempt.session;
}

/** A sign-in through the form's next-auth call: the session, or the error code next-auth gave the form. */
export async function attemptSignIn(server: TestServer, operator: Credentials): Promise<{ session: ConsoleSession | null; error: string | null }> {
  const cookies = new Map<string, string>();
  const remember = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const separator = pair!.indexOf("=");
      cookies.set(pair!.slice(0, separator), pair!.slice(separator + 1));
    }
  };
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const csrf = await fetch(`${server.url}/api/auth/csrf`);
  remember(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await fetch(`${server.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
    body: new URLSearchParams({ ...operator, csrfToken, json: "true" }),
  });
  remember(signIn);
  if (![...cookies.keys()].some((name) => name.endsWith("session-token"))) {
    const { url } = (await signIn.json()) as { url: string };
    return { session: null, error: new URL(url).searchParams.get("error") };
  }
  const call = async <T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}) => {
    const headers: Record<string, string> = { cookie: cookieHeader(), ...(body !== undefined && { "content-type": "application/json" }), ...extraHeaders };
    const response = await fetch(server.url + path, { method, headers, body: body === undefined ? undefined : jsonText(body) });
    return { status: response.status, body: (await response.json()) as T };
  };
  return { session: { get: (path) => call("GET", path), send: (method, path, body, headers) => call(method, path, body, headers) }, error: null };
}
