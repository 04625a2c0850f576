import { legacyJoinGroupEndpoint } from "@/lib/platform-api/endpoints/compatibility";
import { serve } from "@/lib/platform-api/serve";

export const POST = serve(legacyJoinGroupEndpoint);
