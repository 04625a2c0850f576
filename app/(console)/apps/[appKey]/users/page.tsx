import type { Metadata } from "next";
import { UsersPage } from "@/components/users/users-page";
import { requireOperator } from "@/lib/auth/session-operator";

export const metadata: Metadata = { title: "Users" };

export default async function AppUsersPage({ params }: { params: Promise<{ appKey: string }> }) {
  await requireOperator();
  const { appKey } = await params;
  return <UsersPage appKey={appKey} />;
}
