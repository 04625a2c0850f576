import type { OperatorView } from "../../../contract";
import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import type { OperatorRole } from "./operator-roles";

const toView = (operator: { id: string; email: string; name: string; role: string; createdAt: Date }): OperatorView => ({
  id: operator.id,
  email: operator.email,
  name: operator.name,
  role: operator.role,
  createdAt: operator.createdAt.toISOString(),
});

export async function findOperators(): Promise<OperatorView[]> {
  return (await db.operator.findMany({ orderBy: { createdAt: "asc" } })).map(toView);
}

/** Gives an operator another role; the installation always keeps an owner. */
export async function changeOperatorRole(input: { id: string; role: OperatorRole }): Promise<OperatorView> {
  const operator = await getOperatorOrThrow(input.id);
  if (operator.role === "owner" && input.role !== "owner") await checkAnotherOwner(operator.id);
  return toView(await db.operator.update({ where: { id: operator.id }, data: { role: input.role } }));
}

/** Removes an operator, who is signed out at their next request; never yourself, never the last owner. */
export async function removeOperator(input: { id: string; byOperatorId: string }): Promise<void> {
  if (input.id === input.byOperatorId) throw new ChatError("invalidParameter", "You cannot remove yourself; another owner can");
  const operator = await getOperatorOrThrow(input.id);
  if (operator.role === "owner") await checkAnotherOwner(operator.id);
  await db.operator.delete({ where: { id: operator.id } });
}

async function getOperatorOrThrow(id: string) {
  const operator = await db.operator.findUnique({ where: { id } });
  if (!operator) throw new ChatError("notFound", `No operator has the id ${id}`);
  return operator;
}

async function checkAnotherOwner(ownerId: string) {
  const others = await db.operator.count({ where: { role: "owner", id: { not: ownerId } } });
  if (others === 0) throw new ChatError("invalidParameter", "The installation needs an owner: make another operator owner first");
}
