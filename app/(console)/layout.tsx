import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/console/console-shell";
import { requireOperator } from "@/lib/auth/session-operator";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  return <ConsoleShell operator={await requireOperator()}>{children}</ConsoleShell>;
}
