import { listGroupFreezesEndpoint } from "@/lib/platform-api/endpoints/group-moderation";
import { serve } from "@/lib/platform-api/serve";

export const POST = serve(listGroupFreezesEndpoint);
