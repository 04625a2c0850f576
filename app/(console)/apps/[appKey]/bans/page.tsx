import type { Metadata } from "next";
import { BansPage } from "@/components/users/bans-page";
import { requireOperator } from "@/lib/auth/session-operator";
import { roleAllows } from "@/lib/chat/products/operators";

export const metadata: Metadata = { title: "Bans" };

export default async function AppBansPage({ params }: { params: Promise<{ appKey: string }> }) {
  const operator = await requireOperator();
  const { appKey } = await params;
  return <BansPage appKey={appKey} canEdit={roleAllows(operator, "admin")} />;
}
