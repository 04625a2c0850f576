import { legacyHistoryEndpoint } from "@/lib/platform-api/endpoints/compatibility-messages";
import { serve } from "@/lib/platform-api/serve";

export const POST = serve(legacyHistoryEndpoint);
