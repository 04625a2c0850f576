import { listChannelTypeMutesEndpoint } from "@/lib/platform-api/endpoints/moderation";
import { serve } from "@/lib/platform-api/serve";

export const POST = serve(listChannelTypeMutesEndpoint);
