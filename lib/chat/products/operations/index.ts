export { countClientOperation } from "./client-operation-limits";
export { checkOperationSignature } from "./operation-signature";
