/** Client operations an app may require its own server to sign (setting `operationSignatures`). */
export const signedOperations = ["create", "join", "invite", "kick", "history"] as const;
export type SignedOperation = (typeof signedOperations)[number];
