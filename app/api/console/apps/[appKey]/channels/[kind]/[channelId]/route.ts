import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { endChannel, getChannelOverview } from "@/lib/chat/console/console-channels";

const params = z.object({ kind: z.string(), channelId: z.string() });
const endings: Record<string, string> = { groups: "group.dismiss", "open-channels": "openChannel.destroy", communities: "community.dismiss" };

export const GET = consoleRoute({ app: true, params }, async ({ app, params }) => ({
  channel: await getChannelOverview({ appId: app.id, kind: params.kind, channelId: params.channelId }),
}));

export const DELETE = consoleRoute({ app: true, params, audit: (params) => endings[params.kind] ?? "channel.end" }, async ({ app, params }) => {
  await endChannel({ appId: app.id, kind: params.kind, channelId: params.channelId });
  return { ok: true };
});
