import type { Metadata } from "next";
import { OperatorsPage } from "@/components/operators/operators-page";
import { requireOperator } from "@/lib/auth/session-operator";
import { roleAllows } from "@/lib/chat/products/operators";

export const metadata: Metadata = { title: "Operators" };

export default async function ConsoleOperatorsPage() {
  const operator = await requireOperator();
  return <OperatorsPage me={operator.id} isOwner={roleAllows(operator, "owner")} />;
}
