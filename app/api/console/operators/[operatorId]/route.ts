import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { changeOperatorRole, operatorRoleSchema, removeOperator } from "@/lib/chat/products/operators";

const params = z.object({ operatorId: z.string() });

export const PATCH = consoleRoute({ params, body: z.object({ role: operatorRoleSchema }), role: "owner", audit: "operator.role" }, async ({ params, body }) => ({
  operator: await changeOperatorRole({ id: params.operatorId, role: body.role }),
}));

export const DELETE = consoleRoute({ params, role: "owner", audit: "operator.remove" }, async ({ params, operator }) => {
  await removeOperator({ id: params.operatorId, byOperatorId: operator.id });
  return { ok: true };
});
