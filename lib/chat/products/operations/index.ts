// Client operations: per-device limits and the app server's operation signatures.
// The public face of this product: other folders import from here, never from its files.
export { countClientOperation } from "./client-operation-limits";
export { checkOperationSignature } from "./operation-signature";
