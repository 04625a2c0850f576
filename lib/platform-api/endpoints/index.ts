import type { Endpoint } from "../endpoint";
import { issueAccessTokenEndpoint } from "./access-tokens";

/** Every endpoint Switchboard serves; the OpenAPI document is generated from this list. */
export const endpoints: Endpoint[] = [issueAccessTokenEndpoint];
