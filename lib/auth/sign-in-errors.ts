/** Sign-in error codes next-auth hands to the sign-in form (importable by client code). */
export const signInErrors = {
  wrongCredentials: "CredentialsSignin",
  /** The caller failed too often in the current window (see verifyOperatorCredentials). */
  tooManyFailures: "TooManySignIns",
} as const;
