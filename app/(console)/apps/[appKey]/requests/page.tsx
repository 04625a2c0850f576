import type { Metadata } from "next";
import { RequestLog } from "@/components/debugger/request-log";
import { requireOperator } from "@/lib/auth/session-operator";

export const metadata: Metadata = { title: "API requests" };

export default async function RequestsPage({ params }: { params: Promise<{ appKey: string }> }) {
  await requireOperator();
  const { appKey } = await params;
  return <RequestLog appKey={appKey} />;
}
