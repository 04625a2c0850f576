import type { Metadata } from "next";
import { PlaygroundPage } from "@/components/playground/playground-page";
import { requireOperator } from "@/lib/auth/session-operator";
import { roleAllows } from "@/lib/chat/products/operators";

export const metadata: Metadata = { title: "Chat playground" };

export default async function Playground({ params }: { params: Promise<{ appKey: string }> }) {
  const operator = await requireOperator();
  const { appKey } = await params;
  return <PlaygroundPage appKey={appKey} canUse={roleAllows(operator, "admin")} />;
}
