import { removeFromBlocklistEndpoint } from "@/lib/platform-api/endpoints/blocklists";
import { serve } from "@/lib/platform-api/serve";

export const POST = serve(removeFromBlocklistEndpoint);
