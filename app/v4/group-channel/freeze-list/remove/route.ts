import { getEndpointOrThrow } from "@/lib/platform-api/endpoints";
import { serve } from "@/lib/platform-api/serve";

export const POST = serve(getEndpointOrThrow("/v4/group-channel/freeze-list/remove"));
