import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { findAppId } from "@/lib/chat/base/apps/find-apps";
import { endChannel, getChannelOverview } from "@/lib/chat/console/console-channels";

const params = z.object({ appKey: z.string(), kind: z.string(), channelId: z.string() });
const endings: Record<string, string> = { groups: "group.dismiss", "open-channels": "openChannel.destroy", communities: "community.dismiss" };

export const GET = consoleRoute({ params }, async ({ params }) => ({
  channel: await getChannelOverview({ appId: await findAppId(params.appKey), kind: params.kind, channelId: params.channelId }),
}));

export const DELETE = consoleRoute({ params, audit: (params) => endings[params.kind] ?? "channel.end" }, async ({ params }) => {
  await endChannel({ appId: await findAppId(params.appKey), kind: params.kind, channelId: params.channelId });
  return { ok: true };
});
