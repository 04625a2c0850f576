import { updateDirectMessageEndpoint } from "@/lib/platform-api/endpoints/messages";
import { serve } from "@/lib/platform-api/serve";

export const POST = serve(updateDirectMessageEndpoint);
