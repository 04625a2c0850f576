import { setFriendProfileEndpoint } from "@/lib/platform-api/endpoints/friends";
import { serve } from "@/lib/platform-api/serve";

export const POST = serve(setFriendProfileEndpoint);
