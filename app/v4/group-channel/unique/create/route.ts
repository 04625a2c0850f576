import { createUniqueGroupEndpoint } from "@/lib/platform-api/endpoints/groups";
import { serve } from "@/lib/platform-api/serve";

export const POST = serve(createUniqueGroupEndpoint);
