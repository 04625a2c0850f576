/**
 * Where Switchboard's Platform API knowingly differs from the contract, by endpoint and
 * field path (as test/contract.test.ts reports them), each with its reason. Keep it short:
 * a difference that an app server written for the contract would trip on is a defect to
 * fix, not an entry here.
 */
export const allowedDifferences: Record<string, Record<string, string>> = {};
