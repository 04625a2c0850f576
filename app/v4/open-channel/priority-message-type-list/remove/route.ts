import { removePriorityTypesEndpoint } from "@/lib/platform-api/endpoints/open-channels";
import { serve } from "@/lib/platform-api/serve";

export const POST = serve(removePriorityTypesEndpoint);
