import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { ChatError, parseInput, toErrorBody } from "../chat/errors";
import type { SessionOperator } from "../chat/operators/get-operator";
import { describeError, log } from "../log";
import { getSessionOperator } from "./session-operator";

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

type Parsed<Schema> = Schema extends z.ZodType ? z.infer<Schema> : undefined;

type RouteOptions<Params, Body> = { params?: Params; body?: Body; status?: number };

type RouteInput<Params, Body> = { operator: SessionOperator; params: Parsed<Params>; body: Parsed<Body> };

// Console answers carry secrets: neither the browser nor a proxy may keep them.
const noStore = { "cache-control": "no-store" };

/**
 * Declares a console API route: only a signed-in operator gets past it, the path
 * parameters and the JSON body are parsed by their schemas, and every error leaves as
 * `{code, errorMessage}` with its status.
 */
export function consoleRoute<Params extends z.ZodType | undefined = undefined, Body extends z.ZodType | undefined = undefined>(
  options: RouteOptions<Params, Body>,
  handler: (input: RouteInput<Params, Body>) => Promise<unknown>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const operator = await getSessionOperator();
      if (!operator) throw new ChatError("signInRequired", "Sign in to the console first");
      const params = options.params ? parseInput(options.params, await context.params) : undefined;
      const body = options.body ? parseInput(options.body, await readJson(request)) : undefined;
      const result = await handler({ operator, params: params as Parsed<Params>, body: body as Parsed<Body> });
      return Response.json(result, { status: options.status ?? 200, headers: noStore });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

// Requiring a JSON content type also keeps cross-site HTML forms out: they cannot send one.
async function readJson(request: Request): Promise<unknown> {
  if (!request.headers.get("content-type")?.startsWith("application/json")) {
    throw new ChatError("invalidBody", "The body must be JSON (Content-Type: application/json)");
  }
  return request.json().catch(() => {
    throw new ChatError("invalidBody", "The body is not valid JSON");
  });
}

function errorResponse(error: unknown): Response {
  const { status, body } = toErrorBody(error);
  if (error instanceof ChatError) return Response.json(body, { status, headers: noStore });
  const requestId = randomUUID();
  log.error("console API request failed", { requestId, ...describeError(error) });
  return Response.json(body, { status, headers: { ...noStore, "x-request-id": requestId } });
}
