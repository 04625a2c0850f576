/**
 * Client operations an app may require its own server to sign (setting `operationSignatures`).
 * Inviting and removing members are not among them: only the app server does those here.
 */
export const signedOperations = ["create", "join", "history"] as const;
export type SignedOperation = (typeof signedOperations)[number];
