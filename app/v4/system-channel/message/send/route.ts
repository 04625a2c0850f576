import { sendSystemMessagesEndpoint } from "@/lib/platform-api/endpoints/system-messages";
import { serve } from "@/lib/platform-api/serve";

export const POST = serve(sendSystemMessagesEndpoint);
