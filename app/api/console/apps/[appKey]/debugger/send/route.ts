import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { getAppOrThrow } from "@/lib/chat/base/apps/find-apps";
import { sendSignedRequest } from "@/lib/platform-api/api-debugger";
import { requestOrigin } from "@/lib/platform-api/request-origin";

const body = z.object({
  path: z.string(),
  body: z.record(z.string(), z.unknown(), { error: "body is the request's fields as a JSON object" }),
  signatureVersion: z.union([z.literal(1), z.literal(2)], { error: "signatureVersion is 1 or 2" }).default(1),
});

/** Admins only: the request is signed with the App Secret, on the server; the secret never reaches the browser. */
export const POST = consoleRoute({ app: true, body, role: "admin", audit: "debugger.send" }, async ({ app, body, request }) => {
  const { appSecret } = await getAppOrThrow({ appKey: app.appKey, withSecret: true });
  return sendSignedRequest({ app: { key: app.appKey, secret: appSecret! }, origin: requestOrigin(request), path: body.path, body: body.body, signatureVersion: body.signatureVersion });
});
