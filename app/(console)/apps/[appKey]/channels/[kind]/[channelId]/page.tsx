import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChannelPage } from "@/components/channels/channel-page";
import { requireOperator } from "@/lib/auth/session-operator";
import { channelKindSchema } from "@/lib/chat/console/console-channels";
import { roleAllows } from "@/lib/chat/products/operators";

export const metadata: Metadata = { title: "Channel" };

export default async function AppChannelPage({ params }: { params: Promise<{ appKey: string; kind: string; channelId: string }> }) {
  const operator = await requireOperator();
  const { appKey, kind, channelId } = await params;
  const parsed = channelKindSchema.safeParse(kind);
  if (!parsed.success) notFound();
  return <ChannelPage appKey={appKey} kind={parsed.data} channelId={decodeURIComponent(channelId)} canEdit={roleAllows(operator, "admin")} />;
}
