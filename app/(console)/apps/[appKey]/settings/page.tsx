import type { Metadata } from "next";
import { ChatSettings } from "@/components/settings/chat-settings";
import { requireOperator } from "@/lib/auth/session-operator";
import { roleAllows } from "@/lib/chat/products/operators";

export const metadata: Metadata = { title: "Chat settings" };

export default async function SettingsPage({ params }: { params: Promise<{ appKey: string }> }) {
  const operator = await requireOperator();
  const { appKey } = await params;
  return <ChatSettings appKey={appKey} canEdit={roleAllows(operator, "admin")} />;
}
