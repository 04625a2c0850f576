import { getGroupAttributesEndpoint } from "@/lib/platform-api/endpoints/group-members";
import { serve } from "@/lib/platform-api/serve";

export const POST = serve(getGroupAttributesEndpoint);
