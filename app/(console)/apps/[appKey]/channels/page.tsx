import type { Metadata } from "next";
import { ChannelsPage } from "@/components/channels/channels-page";
import { requireOperator } from "@/lib/auth/session-operator";

export const metadata: Metadata = { title: "Channels" };

export default async function AppChannelsPage({ params }: { params: Promise<{ appKey: string }> }) {
  await requireOperator();
  const { appKey } = await params;
  return <ChannelsPage appKey={appKey} />;
}
