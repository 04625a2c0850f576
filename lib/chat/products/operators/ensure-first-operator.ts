import { db } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import { ChatError } from "../../base/errors";
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
  try {
    await createOperator({ email, password, name: "Owner", role: "owner" });
  } catch (error) {
    // Another node starting at the same moment created it first.
    if (isUniqueViolation(error) || (error instanceof ChatError && error.kind === "conflict")) return null;
    throw error;
  }
  return { email, password, generated: input.password === undefined };
}
