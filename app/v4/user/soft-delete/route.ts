import { softDeleteUsersEndpoint } from "@/lib/platform-api/endpoints/users";
import { serve } from "@/lib/platform-api/serve";

export const POST = serve(softDeleteUsersEndpoint);
