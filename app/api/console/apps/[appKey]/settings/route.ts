import { z } from "zod";
import { consoleRoute } from "@/lib/auth/console-route";
import { consoleSettingsView, getAppSettings, patchAppSettings } from "@/lib/chat/base/apps/app-settings";
import { findAppId } from "@/lib/chat/base/apps/find-apps";

const params = z.object({ appKey: z.string() });

export const GET = consoleRoute({ params }, async ({ params }) => consoleSettingsView(await getAppSettings(await findAppId(params.appKey))));

/** A partial object of typed values; the settings' own schema checks them. */
const changes = z.record(z.string(), z.unknown(), { error: "the body is an object of settings and their new values" });

export const PATCH = consoleRoute({ params, body: changes, audit: "settings.update" }, async ({ params, body }) =>
  consoleSettingsView(await patchAppSettings(await findAppId(params.appKey), body)),
);
