import { buildOpenApiDocument } from "@/lib/platform-api/openapi";

export const dynamic = "force-static";

export function GET() {
  return Response.json(buildOpenApiDocument());
}
