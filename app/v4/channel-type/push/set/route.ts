import { setChannelTypeNotificationEndpoint } from "@/lib/platform-api/endpoints/conversations";
import { serve } from "@/lib/platform-api/serve";

export const POST = serve(setChannelTypeNotificationEndpoint);
