import type { Metadata } from "next";
import { AppDetail } from "@/components/apps/app-detail";
import { requireOperator } from "@/lib/auth/session-operator";
import { maxRotationGraceHours } from "@/lib/chat/apps/rotate-app-secret";

export const metadata: Metadata = { title: "App" };

export default async function AppPage({ params }: { params: Promise<{ appKey: string }> }) {
  await requireOperator();
  const { appKey } = await params;
  return <AppDetail appKey={appKey} maxGraceHours={maxRotationGraceHours} />;
}
