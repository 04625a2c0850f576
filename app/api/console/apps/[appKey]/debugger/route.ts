import { consoleRoute } from "@/lib/auth/console-route";
import { debuggerEndpoints } from "@/lib/platform-api/api-debugger";

export const GET = consoleRoute({}, async () => ({ endpoints: debuggerEndpoints() }));
