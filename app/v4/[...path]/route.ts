import { errorTable } from "@/lib/chat/base/errors";

/** Paths under /v4 that no endpoint declares get the contract's error shape, not an HTML page. */
function unknownEndpoint(request: Request) {
  const { pathname } = new URL(request.url);
  return Response.json(
    { code: errorTable.notFound.code, errorMessage: `No Platform API endpoint at ${pathname}` },
    { status: errorTable.notFound.status },
  );
}

export { unknownEndpoint as GET, unknownEndpoint as POST, unknownEndpoint as PUT, unknownEndpoint as DELETE, unknownEndpoint as PATCH };
