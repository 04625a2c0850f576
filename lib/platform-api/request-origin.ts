/** The origin the caller used: a proxy's X-Forwarded-Proto and -Host when it set them, else the request's own. */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const first = (name: string) => request.headers.get(name)?.split(",")[0]?.trim();
  return `${first("x-forwarded-proto") ?? url.protocol.slice(0, -1)}://${first("x-forwarded-host") ?? request.headers.get("host") ?? url.host}`;
}
