import type { Metadata } from "next";
import { AppDetail } from "@/components/apps/app-detail";
import { requireOperator } from "@/lib/auth/session-operator";
import { maxRotationGraceHours } from "@/lib/chat/base/apps/rotate-app-secret";
import { roleAllows } from "@/lib/chat/products/operators";

export const metadata: Metadata = { title: "App" };

export default async function AppPage({ params }: { params: Promise<{ appKey: string }> }) {
  const operator = await requireOperator();
  const { appKey } = await params;
  return <AppDetail appKey={appKey} maxGraceHours={maxRotationGraceHours} canEdit={roleAllows(operator, "admin")} canDelete={roleAllows(operator, "owner")} />;
}
