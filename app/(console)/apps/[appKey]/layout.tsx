import type { ReactNode } from "react";
import { AppFrame } from "@/components/console/app-frame";

export default async function AppLayout({ children, params }: { children: ReactNode; params: Promise<{ appKey: string }> }) {
  const { appKey } = await params;
  return <AppFrame appKey={appKey}>{children}</AppFrame>;
}
