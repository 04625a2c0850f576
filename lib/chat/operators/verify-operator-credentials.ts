import { db } from "../../db/client";
import { verifyPassword } from "./operator-password";

/** The operator whose email and password these are, or null. */
export async function verifyOperatorCredentials(input: { email: string; password: string }) {
  const operator = await db.operator.findUnique({ where: { email: input.email.trim().toLowerCase() } });
  if (!operator || !(await verifyPassword(input.password, operator.passwordHash))) return null;
  return { id: operator.id, email: operator.email, name: operator.name, role: operator.role };
}
