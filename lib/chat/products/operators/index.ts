// Console operators: accounts, roles and sign-in.
// The public face of this product: other folders import from here, never from its files.
export { createOperator } from "./create-operator";
export { ensureFirstOperator } from "./ensure-first-operator";
export { getOperator } from "./get-operator";
export type { SessionOperator } from "./get-operator";
export { changeOperatorRole, findOperators, removeOperator } from "./manage-operators";
export { generatePassword } from "./operator-password";
export { checkRole, operatorRoleSchema, roleAllows } from "./operator-roles";
export type { OperatorRole } from "./operator-roles";
export { resetOperatorPassword } from "./reset-operator-password";
export { verifyOperatorCredentials } from "./verify-operator-credentials";
