import { z } from "zod";

/** Fields of the older form API, shared by its endpoint declarations. */

/** A form field that may be repeated: one value or several, always read as a list. */
export const formList = z.union([z.string(), z.array(z.string())]).transform((value) => (Array.isArray(value) ? value : [value]));
/** A form field holding a whole number. */
export const formInteger = z.string().regex(/^-?\d+$/, "expected a whole number").transform(Number);
/** A form field holding a switch: "1" on, "0" off. */
export const formFlag = z.enum(["0", "1"], { error: 'expected "0" or "1"' }).transform((value) => value === "1");
