import { db } from "../../../db/client";
import { createOperator } from "./create-operator";
import { generatePassword } from "./operator-password";

/**
 * On a fresh installation creates the owner operator, from the given credentials or
 * with a generated password. Returns the credentials to print once, or null when an
 * operator exists already.
 */
export async function ensureFirstOperator(input: { email?: string; password?: string }) {
  if ((await db.operator.count()) > 0) return null;
  const email = input.email ?? "admin@switchboard.local";
  const password = input.password ?? generatePassword();
  await createOperator({ email, password, name: "Owner", role: "owner" });
  return { email, password, generated: input.password === undefined };
}
