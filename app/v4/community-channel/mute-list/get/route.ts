import { listMutedUsersEndpoint } from "@/lib/platform-api/endpoints/communities";
import { serve } from "@/lib/platform-api/serve";

export const POST = serve(listMutedUsersEndpoint);
