import { legacyChatroomUserExistsEndpoint } from "@/lib/platform-api/endpoints/compatibility-chatrooms";
import { serve } from "@/lib/platform-api/serve";

export const POST = serve(legacyChatroomUserExistsEndpoint);
