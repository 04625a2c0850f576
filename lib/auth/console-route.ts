import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getAppOrThrow } from "../chat/base/apps/find-apps";
import { ChatError, knownError, parseInput, parseJsonInput, toErrorBody } from "../chat/base/errors";
import { recordAudit } from "../chat/base/audit/audit-log";
import { checkRole, type OperatorRole, type SessionOperator } from "../chat/products/operators";
import type { AppView } from "../contract";
import { describeError, log } from "../log";
import { requestOrigin } from "../platform-api/request-origin";
import { getSessionOperator } from "./session-operator";

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

type Parsed<Schema> = Schema extends z.ZodType ? z.infer<Schema> : undefined;

type RouteOptions<Params, Body, Query, App extends boolean> = {
  /**
   * The route is under /apps/[appKey] and works on that app: it is looked up by its key
   * once the input is parsed (404 when no app has it) and handed to the handler as `app`.
   * `params` then names only the other path parameters.
   */
  app?: App;
  params?: Params;
  body?: Body;
  /** The URL's query parameters (strings; coerce numbers in the schema). */
  query?: Query;
  status?: number;
  /** The least role let through: viewer for reads, admin for changes, unless a route says otherwise. */
  role?: OperatorRole;
  /** The audit action of a change (e.g. app.secret.rotate), or how the path names it: recorded with the path's app and the body, secrets redacted. */
  audit?: string | ((params: Parsed<Params>) => string);
};

type RouteInput<Params, Body, Query, App extends boolean> = {
  operator: SessionOperator;
  /** The path's app, for routes that declare `app: true`. */
  app: App extends true ? AppView : undefined;
  params: Parsed<Params>;
  body: Parsed<Body>;
  query: Parsed<Query>;
  request: Request;
};

const appPath = z.object({ appKey: z.string() });

// Console answers carry secrets: neither the browser nor a proxy may keep them.
const noStore = { "cache-control": "no-store" };

/**
 * Declares a console API route: only a signed-in operator with the route's role gets past
 * it (checked here, on the server, whatever the UI shows), the path parameters and the
 * JSON body are parsed by their schemas, the path's app is resolved when the route says
 * `app: true`, a change is written to the audit log, and every error leaves as
 * `{code, errorMessage}` with its status.
 */
export function consoleRoute<
  Params extends z.ZodType | undefined = undefined,
  Body extends z.ZodType | undefined = undefined,
  Query extends z.ZodType | undefined = undefined,
  App extends boolean = false,
>(options: RouteOptions<Params, Body, Query, App>, handler: (input: RouteInput<Params, Body, Query, App>) => Promise<unknown>) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      refuseCrossSiteChange(request);
      const operator = await getSessionOperator();
      if (!operator) throw new ChatError("signInRequired", "Sign in to the console first");
      checkRole(operator, options.role ?? (request.method === "GET" ? "viewer" : "admin"));
      const params = options.params ? parseInput(options.params, await context.params) : undefined;
      const body = options.body ? parseInput(options.body, await readJson(request)) : undefined;
      const query = options.query ? parseInput(options.query, Object.fromEntries(new URL(request.url).searchParams)) : undefined;
      const app = options.app ? await getAppOrThrow({ appKey: parseInput(appPath, await context.params).appKey }) : undefined;
      const result = await handler({ operator, app: app as RouteInput<Params, Body, Query, App>["app"], params: params as Parsed<Params>, body: body as Parsed<Body>, query: query as Parsed<Query>, request });
      if (options.audit) {
        const action = typeof options.audit === "string" ? options.audit : options.audit(params as Parsed<Params>);
        await recordAudit({ operator, action, appKey: app?.appKey, details: auditDetails(params, body) });
      }
      // A handler may answer with its own Response (a download); anything else is JSON.
      if (result instanceof Response) return result;
      return Response.json(result, { status: options.status ?? 200, headers: noStore });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * CSRF: a change must come from the console's own pages. Browsers say where a request
 * comes from (Sec-Fetch-Site, decided by the browser itself, so proxies do not matter;
 * older ones send only Origin). A caller that sends neither is not a browser, and cannot
 * be a victim's browser riding on its cookies.
 */
function refuseCrossSiteChange(request: Request) {
  if (request.method === "GET" || request.method === "HEAD") return;
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const sameOrigin = site ? site === "same-origin" : !origin || hostOf(origin) === hostOf(requestOrigin(request));
  if (!sameOrigin) throw new ChatError("forbidden", "Console changes are accepted only from the console's own pages (cross-site request refused)");
}

const hostOf = (origin: string) => (URL.canParse(origin) ? new URL(origin).host : undefined);

/** What a change concerned besides its app: the path parameters with the body. */
function auditDetails(params: unknown, body: unknown) {
  // Console bodies are JSON objects (their schemas say so), or absent.
  return { ...(params as Record<string, unknown> | undefined), ...(body as Record<string, unknown> | undefined) };
}

// Requiring a JSON content type also keeps cross-site HTML forms out: they cannot send one.
async function readJson(request: Request): Promise<unknown> {
  if (!request.headers.get("content-type")?.startsWith("application/json")) {
    throw new ChatError("invalidBody", "The body must be JSON (Content-Type: application/json)");
  }
  return parseJsonInput(await request.text(), "The body", () => new ChatError("invalidBody", "The body is not valid JSON"));
}

function errorResponse(error: unknown): Response {
  const { status, body } = toErrorBody(error);
  if (knownError(error)) return Response.json(body, { status, headers: noStore });
  const requestId = randomUUID();
  log.error("console API request failed", { requestId, ...describeError(error) });
  return Response.json(body, { status, headers: { ...noStore, "x-request-id": requestId } });
}
