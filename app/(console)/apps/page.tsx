import type { Metadata } from "next";
import { AppsList } from "@/components/apps/apps-list";
import { CreateAppButton } from "@/components/apps/create-app-dialog";
import { PageHeader } from "@/components/console/page-header";
import { requireOperator } from "@/lib/auth/session-operator";
import { roleAllows } from "@/lib/chat/products/operators";

export const metadata: Metadata = { title: "Apps" };

export default async function AppsPage() {
  const operator = await requireOperator();
  // Viewers change nothing: the server refuses them, and the page does not offer it.
  const action = roleAllows(operator, "admin") ? <CreateAppButton /> : undefined;
  return (
    <>
      <PageHeader title="Apps" description="Each app has its own users, channels and credentials." action={action} />
      <AppsList />
    </>
  );
}
