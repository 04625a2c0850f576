import { expireAccessTokensEndpoint } from "@/lib/platform-api/endpoints/access-tokens";
import { serve } from "@/lib/platform-api/serve";

export const POST = serve(expireAccessTokensEndpoint);
