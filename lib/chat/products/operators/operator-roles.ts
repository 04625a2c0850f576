import { z } from "zod";
import { ChatError } from "../../base/errors";

/** Owners manage operators; admins change apps and their chat; viewers look and change nothing. */
export const operatorRoles = ["owner", "admin", "viewer"] as const;
export type OperatorRole = (typeof operatorRoles)[number];
export const operatorRoleSchema = z.enum(operatorRoles, { error: `role must be one of ${operatorRoles.join(", ")}` });

const rank: Record<OperatorRole, number> = { viewer: 0, admin: 1, owner: 2 };

/** Whether the operator's role is `minimum` or above (unknown roles count as viewers). */
export function roleAllows(operator: { role: string }, minimum: OperatorRole): boolean {
  return rank[operatorRoleSchema.catch("viewer").parse(operator.role)] >= rank[minimum];
}

/** Refuses an operator whose role is below `minimum`. */
export function checkRole(operator: { role: string }, minimum: OperatorRole): void {
  if (roleAllows(operator, minimum)) return;
  const role = operatorRoleSchema.catch("viewer").parse(operator.role);
  throw new ChatError("forbidden", minimum === "owner" ? "Only an owner can do this" : `Your role (${role}) cannot change anything here; an admin or owner can`);
}
