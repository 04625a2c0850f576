import type { ErrorBody } from "@/lib/contract";

/** A console API's error answer: its HTTP status and the `{code, errorMessage}` body. */
export class ConsoleApiError extends Error {
  readonly status: number;
  readonly code: number;

  constructor(input: { status: number; code: number; message: string }) {
    super(input.message);
    this.name = "ConsoleApiError";
    this.status = input.status;
    this.code = input.code;
  }
}

type RequestOptions = { method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; body?: unknown; signal?: AbortSignal };

/** Calls a console API; answers other than 2xx throw their parsed ConsoleApiError. */
export async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await fetch(path, {
    method: options.method ?? "GET",
    signal: options.signal,
    headers: options.body === undefined ? undefined : { "content-type": "application/json" },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) throw toConsoleApiError(response.status, payload);
  return payload as T;
}

function toConsoleApiError(status: number, payload: unknown): ConsoleApiError {
  const body = (payload ?? {}) as Partial<Record<keyof ErrorBody, unknown>>;
  return new ConsoleApiError({
    status,
    code: typeof body.code === "number" ? body.code : 1000,
    message: typeof body.errorMessage === "string" ? body.errorMessage : `The server answered ${status}`,
  });
}

export function isSignedOut(error: unknown): boolean {
  return error instanceof ConsoleApiError && error.status === 401;
}

/**
 * Whether the server refused what the operator entered (400). A dialog keeps such an error
 * beside its fields to be corrected; any other failure closes the dialog and is told in a
 * toast, since an open modal makes the page behind it, toasts included, inert.
 */
export function isInputError(error: unknown): boolean {
  return error instanceof ConsoleApiError && error.status === 400;
}
