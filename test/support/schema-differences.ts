/** An OpenAPI 3.0 schema, as far as comparing shapes needs it. */
export type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  allOf?: Schema[];
};

export type SchemaSource = { schemas: Record<string, Schema> | undefined };

/**
 * Where two schemas disagree, field by field and at every depth: a field one side lacks,
 * one required on one side only, or another type (integer formats and descriptions aside).
 * Each difference reads "<path>: <what>", e.g. "result.messages[].aiGenerated: missing here".
 * In answers (paths under "result") a field always given where the contract only may give
 * it is no difference: a client written for the contract reads it either way.
 */
export function schemaDifferences(ours: Schema | undefined, theirs: Schema | undefined, sources: { ours: SchemaSource; theirs: SchemaSource }, where: string): string[] {
  const our = resolve(ours, sources.ours);
  const their = resolve(theirs, sources.theirs);
  const ourType = typeOf(our);
  const theirType = typeOf(their);
  if (ourType !== theirType) return theirType === "any" ? [] : [`${where}: ${ourType} here, ${theirType} in the contract`];
  if (ourType === "array") return schemaDifferences(our.items, their.items, sources, `${where}[]`);
  if (ourType === "map") return mapDifferences(our, their, sources, where);
  if (ourType !== "object") return [];
  const differences: string[] = [];
  const names = new Set([...Object.keys(our.properties ?? {}), ...Object.keys(their.properties ?? {})]);
  for (const name of [...names].sort()) {
    const field = `${where}.${name}`;
    const [mine, contract] = [our.properties?.[name], their.properties?.[name]];
    if (!mine) differences.push(`${field}: missing here`);
    else if (!contract) differences.push(`${field}: not in the contract`);
    else {
      const [requiredHere, requiredThere] = [our.required?.includes(name) ?? false, their.required?.includes(name) ?? false];
      const alwaysAnswered = requiredHere && field.startsWith("result");
      if (requiredHere !== requiredThere && !alwaysAnswered) differences.push(`${field}: ${requiredHere ? "required here only" : "required in the contract only"}`);
      differences.push(...schemaDifferences(mine, contract, sources, field));
    }
  }
  return differences;
}

function mapDifferences(our: Schema, their: Schema, sources: { ours: SchemaSource; theirs: SchemaSource }, where: string): string[] {
  const values = (schema: Schema) => (typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined);
  const [mine, contract] = [values(our), values(their)];
  if (!contract) return [];
  return schemaDifferences(mine ?? {}, contract, sources, `${where}{}`);
}

function resolve(schema: Schema | undefined, source: SchemaSource): Schema {
  if (!schema) return {};
  if (schema.$ref) return resolve(source.schemas?.[schema.$ref.split("/").pop()!], source);
  if (schema.allOf?.length === 1) return resolve(schema.allOf[0], source);
  return schema;
}

/** object (named fields), map (any keys), array, a scalar type, or any (no type said). */
function typeOf(schema: Schema): string {
  if (schema.properties) return "object";
  if (schema.type === "object") return schema.additionalProperties === undefined || schema.additionalProperties === false ? "object" : "map";
  return schema.type ?? "any";
}
