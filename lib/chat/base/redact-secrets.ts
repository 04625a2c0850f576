/** Field names whose values no log keeps (audit log, request log), at any depth. */
const secretField = /secret|password|token|signature|privatekey|serviceaccount/i;

/** The value with every secret-named field's value replaced by "[redacted]". */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([name, field]) => [name, secretField.test(name) ? "[redacted]" : redactSecrets(field)]));
  }
  return value;
}
