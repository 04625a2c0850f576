import type { Metadata } from "next";
import { MessagesPage } from "@/components/messages/messages-page";
import { requireOperator } from "@/lib/auth/session-operator";
import { roleAllows } from "@/lib/chat/products/operators";

export const metadata: Metadata = { title: "Messages" };

export default async function AppMessagesPage({ params }: { params: Promise<{ appKey: string }> }) {
  const operator = await requireOperator();
  const { appKey } = await params;
  return <MessagesPage appKey={appKey} canEdit={roleAllows(operator, "admin")} />;
}
