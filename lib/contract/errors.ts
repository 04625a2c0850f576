/** An error answer's body (the console API, the Platform API, history downloads): a code of the error table and a message for people. */
export type ErrorBody = { code: number; errorMessage: string };
