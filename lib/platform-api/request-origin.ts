import type { HeaderReader } from "./signature";

/**
 * The origin the caller used: a proxy's X-Forwarded-Proto and -Host when it set them, else
 * the request's own (`own`: its protocol without the colon, and its Host).
 */
export function callerOrigin(headers: HeaderReader, own: { protocol: string; host: string }): string {
  const first = (name: string) => headers.get(name)?.split(",")[0]?.trim();
  return `${first("x-forwarded-proto") ?? own.protocol}://${first("x-forwarded-host") ?? headers.get("host") ?? own.host}`;
}

/** The same for a Web `Request` (console routes). */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  return callerOrigin(request.headers, { protocol: url.protocol.slice(0, -1), host: url.host });
}
