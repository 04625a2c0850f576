import { getUserTagsEndpoint } from "@/lib/platform-api/endpoints/profiles";
import { serve } from "@/lib/platform-api/serve";

export const POST = serve(getUserTagsEndpoint);
