// Settings of an option group (src/api/schema.ts) as text — in the URL's query string and in the
// lab's text boxes — by the field's kind: numbers in their shortest exact form, lists as "a, b, c",
// booleans as 1/0, "none" for a nullable number's null. Every value read is checked by the field's own
// schema (the bounds and choices the CLI checks), so the lab never holds a value the runs would refuse.
import type * as v from "valibot";
import { InputError } from "../api/errors.js";
import { type Field, type OptionGroup, parseWith } from "../api/schema.js";

/** A field's value as text (undefined: not set → ""). */
export function fieldText(f: Field, value: unknown, sep = ","): string {
  if (value === undefined) return "";
  if (value === null) return "none";
  if (f.kind === "boolean") return value ? "1" : "0";
  if (Array.isArray(value)) return value.map(String).join(sep);
  return String(value);
}

/**
 * Reads a field's value from text and checks it against the field's schema. Empty text is "not set"
 * (undefined). Throws an InputError naming the field when the text is not a valid value.
 */
export function readField(group: OptionGroup, f: Field, text: string): unknown {
  const t = text.trim();
  if (t === "") return undefined;
  let value: unknown;
  if (f.nullable && /^(none|null)$/i.test(t)) value = null;
  else if (f.kind === "number" || f.kind === "integer") value = Number(t);
  else if (f.kind === "numbers" || f.kind === "integers") value = t.split(/[\s,]+/).filter((x) => x !== "").map(Number);
  else if (f.kind === "boolean") value = /^(1|true)$/i.test(t) ? true : /^(0|false)$/i.test(t) ? false : t;
  else if (f.kind === "json") {
    try {
      value = JSON.parse(t);
    } catch {
      throw new InputError(f.key, "must be JSON");
    }
  } else value = t;
  const schema = (group.entries as Record<string, v.GenericSchema>)[f.key];
  return parseWith(schema, value, f.key);
}

/** What a field accepts, in words (the text boxes' hint). */
export function fieldHint(f: Field): string {
  const bounds = [
    f.min !== undefined ? `≥ ${f.min}` : "", f.above !== undefined ? `> ${f.above}` : "",
    f.max !== undefined ? `≤ ${f.max}` : "", f.below !== undefined ? `< ${f.below}` : "",
  ].filter(Boolean).join(", ");
  const what = f.kind === "integer" ? "an integer" : f.kind === "number" ? "a number" : f.kind === "integers" ? "integers, comma-separated" : f.kind === "numbers" ? "numbers, comma-separated" : f.kind === "choice" ? `one of ${f.choices!.join(", ")}` : "text";
  return `${what}${bounds ? ` (${bounds})` : ""}${f.nullable ? "; none for none" : ""}`;
}
