import type { Endpoint } from "../endpoint";
import { expireAccessTokensEndpoint, issueAccessTokenEndpoint } from "./access-tokens";

/** Every endpoint Switchboard serves; the OpenAPI document is generated from this list. */
export const endpoints: Endpoint[] = [issueAccessTokenEndpoint, expireAccessTokensEndpoint];
