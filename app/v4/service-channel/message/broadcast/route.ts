import { broadcastServiceMessageEndpoint } from "@/lib/platform-api/endpoints/service-channels";
import { serve } from "@/lib/platform-api/serve";

export const POST = serve(broadcastServiceMessageEndpoint);
