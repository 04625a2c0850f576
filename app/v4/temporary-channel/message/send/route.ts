import { sendTemporaryMessageEndpoint } from "@/lib/platform-api/endpoints/temporary-channels";
import { serve } from "@/lib/platform-api/serve";

export const POST = serve(sendTemporaryMessageEndpoint);
