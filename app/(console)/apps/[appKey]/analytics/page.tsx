import type { Metadata } from "next";
import { AnalyticsPage } from "@/components/analytics/analytics-page";
import { requireOperator } from "@/lib/auth/session-operator";

export const metadata: Metadata = { title: "Analytics" };

export default async function AppAnalyticsPage({ params }: { params: Promise<{ appKey: string }> }) {
  await requireOperator();
  const { appKey } = await params;
  return <AnalyticsPage appKey={appKey} />;
}
