import type { Metadata } from "next";
import { UserPage } from "@/components/users/user-page";
import { requireOperator } from "@/lib/auth/session-operator";
import { roleAllows } from "@/lib/chat/products/operators";

export const metadata: Metadata = { title: "User" };

export default async function AppUserPage({ params }: { params: Promise<{ appKey: string; userId: string }> }) {
  const operator = await requireOperator();
  const { appKey, userId } = await params;
  return <UserPage appKey={appKey} userId={decodeURIComponent(userId)} canEdit={roleAllows(operator, "admin")} />;
}
