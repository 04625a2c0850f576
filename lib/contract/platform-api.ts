/** A Platform API call in the app's request log; bodies cut to a few KB, secrets and tokens redacted. */
export type ApiRequestEntry = {
  id: string;
  createdAt: string;
  method: string;
  path: string;
  status: number;
  /** The answer's code: 0 or 200 for success, else the error's. */
  code: number;
  latencyMs: number;
  callerIp: string;
  requestBody: string;
  responseBody: string;
};

/** A page of the request log, newest first; `nextCursor` asks for the next. */
export type ApiRequestPage = { requests: ApiRequestEntry[]; nextCursor: string | null };

/** The part of JSON Schema the API debugger reads to build an endpoint's form. */
export type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; enum?: unknown[]; description?: string };

/** A Platform API endpoint the debugger offers, with the JSON Schema of its request. */
export type DebuggerEndpoint = {
  path: string;
  api: "v4" | "compatibility";
  /** The contract's tag, which groups endpoints in the picker. */
  tag: string;
  operationId: string;
  summary: string;
  /** The endpoint's rate limit in words, e.g. "100 calls/second per app". */
  rateLimit: string;
  /** Switchboard's own endpoint, beyond the compatible contract. */
  extension: boolean;
  schema: JsonSchema;
};

/** A request the debugger signed and sent, and what came back. */
export type DebuggerExchange = {
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  /** The same request as a curl command. */
  curl: string;
  response: { status: number; headers: Record<string, string>; body: string };
  durationMs: number;
};
