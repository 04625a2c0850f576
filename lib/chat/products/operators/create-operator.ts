import { z } from "zod";
import type { OperatorView } from "../../../contract";
import { db } from "../../../db/client";
import type { OperatorRole } from "./operator-roles";
import { ChatError } from "../../base/errors";
import { hashPassword, minPasswordLength } from "./operator-password";

const emailSchema = z.email();

export function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (!emailSchema.safeParse(normalized).success) throw new ChatError("invalidParameter", `${email} is not an email address`);
  return normalized;
}

export function checkPassword(password: string) {
  if (password.length < minPasswordLength) {
    throw new ChatError("invalidParameter", `password must have at least ${minPasswordLength} characters`);
  }
}

export async function createOperator(input: { email: string; password: string; name?: string; role?: OperatorRole }): Promise<OperatorView> {
  const email = normalizeEmail(input.email);
  checkPassword(input.password);
  if (await db.operator.findUnique({ where: { email } })) {
    throw new ChatError("conflict", `An operator with the email ${email} exists already`);
  }
  const operator = await db.operator.create({
    data: { email, name: input.name?.trim() || email.split("@")[0]!, role: input.role ?? "admin", passwordHash: await hashPassword(input.password) },
  });
  return { id: operator.id, email: operator.email, name: operator.name, role: operator.role, createdAt: operator.createdAt.toISOString() };
}
