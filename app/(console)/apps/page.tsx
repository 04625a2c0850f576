import type { Metadata } from "next";
import { AppsList } from "@/components/apps/apps-list";
import { CreateAppButton } from "@/components/apps/create-app-dialog";
import { PageHeader } from "@/components/console/page-header";
import { requireOperator } from "@/lib/auth/session-operator";

export const metadata: Metadata = { title: "Apps" };

export default async function AppsPage() {
  await requireOperator();
  return (
    <>
      <PageHeader title="Apps" description="Each app has its own users, channels and credentials." action={<CreateAppButton />} />
      <AppsList />
    </>
  );
}
