import { db } from "../../../db/client";

export type SessionOperator = { id: string; email: string; name: string; role: string };

/** The operator with this id, or null once the operator was removed. */
export async function getOperator(input: { id: string }): Promise<SessionOperator | null> {
  return db.operator.findUnique({ where: { id: input.id }, select: { id: true, email: true, name: true, role: true } });
}
