import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { createOperator, findOperators, generatePassword, operatorRoleSchema } from "@/lib/chat/products/operators";

export const GET = consoleRoute({}, async () => ({ operators: await findOperators() }));

const invitation = z.object({ email: z.string(), name: z.string().optional(), role: operatorRoleSchema });

/** An invitation creates the operator with a generated password, shown once, for the owner to pass on. */
export const POST = consoleRoute({ body: invitation, status: 201, role: "owner", audit: "operator.invite" }, async ({ body }) => {
  const password = generatePassword();
  return { operator: await createOperator({ ...body, password }), password };
});
