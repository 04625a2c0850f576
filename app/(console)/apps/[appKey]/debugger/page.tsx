import type { Metadata } from "next";
import { Suspense } from "react";
import { ApiDebugger } from "@/components/debugger/api-debugger";
import { requireOperator } from "@/lib/auth/session-operator";
import { roleAllows } from "@/lib/chat/products/operators";

export const metadata: Metadata = { title: "API debugger" };

export default async function DebuggerPage({ params }: { params: Promise<{ appKey: string }> }) {
  const operator = await requireOperator();
  const { appKey } = await params;
  return (
    // The debugger reads its starting request from the URL.
    <Suspense>
      <ApiDebugger appKey={appKey} canSend={roleAllows(operator, "admin")} />
    </Suspense>
  );
}
