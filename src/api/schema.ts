// Option groups: one schema per group of settings, from which everything else derives — the
// TypeScript types (OptionsOf / ResolvedOf), the defaults, validation with errors that carry a field
// path, the CLI's flags and help (src/cli/option-flags.ts) and the lab's settings (src/web).
//
//   const solver = optionGroup({
//     tol: num("target relative duality gap", 1e-9, { above: 0, below: 1 }),
//     maxIterations: int("most Newton steps", 2000, { min: 1 }),
//   });
//   type SolverOptions = OptionsOf<typeof solver>;     // { tol?: number; maxIterations?: number }
//   solver.resolve({ tol: 0 }, "solver")               // InputError "solver.tol: must be > 0 (got 0)"
//
// Validation is valibot (tree-shakes: a group costs a few hundred bytes in a browser bundle). Each
// field carries its FieldInfo as valibot metadata, so the CLI and the lab read kinds, bounds, choices
// and docs from the schema itself.
import * as v from "valibot";
import { InputError } from "./errors.js";

/** What a field is, for the CLI and the lab. */
export interface FieldInfo {
  kind: "number" | "integer" | "boolean" | "choice" | "text" | "numbers" | "integers" | "json";
  /** One line: what the setting does (help text, lab tooltip). */
  doc: string;
  /** choice: the allowed values. */
  choices?: readonly string[];
  /** Bounds of a number (or of every entry of a list): ≥ min, > above, ≤ max, < below. */
  min?: number;
  above?: number;
  max?: number;
  below?: number;
  /** Lists: the entries must be distinct. */
  distinct?: boolean;
  /** May be null (e.g. "no decay"). */
  nullable?: boolean;
  /** The placeholder of its flag in --help (`--lambda <λ>`). @default derived from the kind */
  placeholder?: string;
  /** Set in files and the API only, not as a command-line flag. */
  noFlag?: boolean;
}

/** Bounds of a number field (or of every entry of a list). */
export type Bounds = Pick<FieldInfo, "min" | "above" | "max" | "below">;
/** A field's schema: valibot's optional schema, typed by its value and whether it has a default. */
export type FieldSchema<T, D> = v.OptionalSchema<v.GenericSchema<T>, [D] extends [undefined] ? undefined : T>;
/** Presentation of a field: its flag placeholder, whether it has a flag, whether it may be null. */
export type Extra = Partial<Pick<FieldInfo, "placeholder" | "noFlag" | "nullable">>;

const META = "relu-landscape.field";
const meta = (info: FieldInfo) => v.metadata({ [META]: info });

const fmtBound = (b: Bounds): string => {
  const parts: string[] = [];
  if (b.min !== undefined) parts.push(`≥ ${b.min}`);
  if (b.above !== undefined) parts.push(`> ${b.above}`);
  if (b.max !== undefined) parts.push(`≤ ${b.max}`);
  if (b.below !== undefined) parts.push(`< ${b.below}`);
  return parts.join(" and ");
};

function numberPipe(int: boolean, b: Bounds) {
  const what = `${int ? "an integer" : "a finite number"}${fmtBound(b) ? ` ${fmtBound(b)}` : ""}`;
  const m = `must be ${what}`;
  const checks: v.PipeItem<number, number, v.BaseIssue<unknown>>[] = [v.finite(m)];
  if (int) checks.push(v.safeInteger(m));
  if (b.min !== undefined) checks.push(v.minValue(b.min, m));
  if (b.above !== undefined) checks.push(v.gtValue(b.above, m));
  if (b.max !== undefined) checks.push(v.maxValue(b.max, m));
  if (b.below !== undefined) checks.push(v.ltValue(b.below, m));
  return { base: v.pipe(v.number(m), ...checks), message: m };
}

function field<T extends v.GenericSchema>(schema: T, info: FieldInfo, def: unknown) {
  const inner = info.nullable ? v.nullable(schema) : schema;
  const withMeta = v.pipe(inner, meta(info));
  return def === undefined ? v.optional(withMeta) : v.optional(withMeta, def as never);
}

/** A number (finite), with a default (undefined: none) and bounds. */
export function num<D extends number | null | undefined>(doc: string, def: D, b: Bounds & Extra = {}) {
  const { base } = numberPipe(false, b);
  return field(base, { kind: "number", doc, ...b }, def) as unknown as FieldSchema<number | (null extends D ? null : never), D>;
}

/** An integer, with a default and bounds. */
export function int<D extends number | null | undefined>(doc: string, def: D, b: Bounds & Extra = {}) {
  const { base } = numberPipe(true, b);
  return field(base, { kind: "integer", doc, ...b }, def) as unknown as FieldSchema<number | (null extends D ? null : never), D>;
}

/** true or false. */
export function bool<D extends boolean | undefined>(doc: string, def: D, x: Extra = {}) {
  return field(v.boolean("must be true or false"), { kind: "boolean", doc, ...x }, def) as unknown as FieldSchema<boolean, D>;
}

/** One of a few strings. */
export function choice<const C extends readonly [string, ...string[]], D extends C[number] | undefined>(doc: string, choices: C, def: D, x: Extra = {}) {
  const s = v.picklist(choices, `must be one of ${choices.join(", ")}`);
  return field(s, { kind: "choice", doc, choices, ...x }, def) as unknown as FieldSchema<C[number], D>;
}

/** A string. */
export function text<D extends string | undefined>(doc: string, def: D, x: Extra & { nonEmpty?: boolean } = {}) {
  const s = x.nonEmpty === false ? v.string("must be a string") : v.pipe(v.string("must be a string"), v.nonEmpty("must not be empty"));
  return field(s, { kind: "text", doc, ...x }, def) as unknown as FieldSchema<string, D>;
}

function listSchema(int: boolean, b: Bounds & { distinct?: boolean; maxLength?: number }) {
  const { base, message } = numberPipe(int, b);
  const what = `a non-empty list of ${int ? "integers" : "numbers"}${fmtBound(b) ? ` ${fmtBound(b)}` : ""}${b.distinct ? ", each given once" : ""}`;
  const items: v.PipeItem<number[], number[], v.BaseIssue<unknown>>[] = [v.minLength(1, `must be ${what}`)];
  if (b.maxLength !== undefined) items.push(v.maxLength(b.maxLength, `must have at most ${b.maxLength} entries`));
  if (b.distinct) items.push(v.check((xs) => new Set(xs).size === xs.length, `must be ${what} (a value is repeated)`));
  return v.pipe(v.array(base, `must be ${what}`), ...items) as unknown as v.GenericSchema<number[]> & { message: string };
  void message;
}

/** A list of numbers (CLI: "a,b,c" or "start:stop:step"). */
export function nums<D extends number[] | undefined>(doc: string, def: D, b: Bounds & Extra & { distinct?: boolean; maxLength?: number } = {}) {
  return field(listSchema(false, b), { kind: "numbers", doc, ...b }, def) as unknown as FieldSchema<number[], D>;
}

/** A list of integers (CLI: "a,b,c" or "start:stop:step"). */
export function ints<D extends number[] | undefined>(doc: string, def: D, b: Bounds & Extra & { distinct?: boolean; maxLength?: number } = {}) {
  return field(listSchema(true, b), { kind: "integers", doc, ...b }, def) as unknown as FieldSchema<number[], D>;
}

/** Any JSON value checked by `schema` (files and the API only; no flag). */
export function json<T>(doc: string, schema: v.GenericSchema<T>, def?: T) {
  return field(schema, { kind: "json", doc, noFlag: true }, def) as unknown as FieldSchema<T, undefined>;
}

/** The field schemas of a group, by key. */
export type Entries = Record<string, v.OptionalSchema<v.GenericSchema, unknown>>;
/** The valibot schema of a group. */
export type Obj<E extends Entries> = v.StrictObjectSchema<E, undefined>;

/** What a caller passes: every field optional. */
export type OptionsOf<G> = G extends OptionGroup<infer E> ? v.InferInput<Obj<E>> : never;
/** After resolve: defaults filled in. */
export type ResolvedOf<G> = G extends OptionGroup<infer E> ? v.InferOutput<Obj<E>> : never;

/** One field of a group, for the CLI and the lab. */
export interface Field extends FieldInfo {
  key: string;
  /** The default (undefined: none). */
  default: unknown;
}

/** A group of settings: schema, fields, defaults and resolution. */
export interface OptionGroup<E extends Entries = Entries> {
  /** The field schemas (to compose groups: `optionGroup({ ...a.entries, ...b.entries })`). */
  readonly entries: E;
  readonly schema: Obj<E>;
  readonly fields: readonly Field[];
  /** The defaults of every field that has one. */
  readonly defaults: Partial<v.InferOutput<Obj<E>>>;
  /**
   * Validates `input` (unknown keys, types, bounds, then the group's cross-field check) and fills in
   * the defaults. Errors are InputErrors whose field is `prefix.key` (or `key` without a prefix).
   */
  resolve(input?: unknown, prefix?: string): v.InferOutput<Obj<E>>;
  /** The same fields with other defaults (e.g. an experiment's training defaults). */
  withDefaults(defaults: Partial<v.InferInput<Obj<E>>>): OptionGroup<E>;
  /** A group without some fields. */
  omit<K extends keyof E & string>(...keys: K[]): OptionGroup<Omit<E, K>>;
  /** A group with only some fields. */
  pick<K extends keyof E & string>(...keys: K[]): OptionGroup<Pick<E, K>>;
}

/**
 * A group's defaults, typed as resolved settings (every field with a default; the `X_DEFAULTS`
 * constants). A call, so that `/* @__PURE__ *\/ defaultsOf(g)` lets bundlers drop an unused constant.
 */
export function defaultsOf<G extends OptionGroup>(g: G): Readonly<ResolvedOf<G>> {
  return g.defaults as Readonly<ResolvedOf<G>>;
}

/** The FieldInfo of a field schema (undefined for a schema built without these helpers). */
export function fieldInfo(schema: v.GenericSchema): FieldInfo | undefined {
  let s = schema as unknown as { type: string; wrapped?: unknown; pipe?: { type: string; metadata?: Record<string, unknown> }[] } | undefined;
  while (s) {
    for (const p of s.pipe ?? []) if (p.type === "metadata" && p.metadata?.[META]) return p.metadata[META] as FieldInfo;
    s = s.type === "optional" || s.type === "nullable" ? (s.wrapped as typeof s) : undefined;
  }
  return undefined;
}

const fmtValue = (x: unknown): string => {
  const s = typeof x === "string" ? JSON.stringify(x) : JSON.stringify(x) ?? String(x);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
};

/** The first issue of a failed parse as an InputError naming the field (`prefix.a.b[2]`). */
export function issueToInputError(issues: readonly v.BaseIssue<unknown>[], prefix = ""): InputError {
  const issue = issues[0];
  let path = prefix;
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    path += typeof key === "number" ? `[${key}]` : path ? `.${String(key)}` : String(key);
  }
  if (issue.type === "strict_object" && issue.expected === "never") {
    return new InputError(path || "input", "unknown key: remove it or check its spelling");
  }
  if (issue.type === "strict_object" || issue.type === "object") {
    return new InputError(path || "input", `must be an object (got ${fmtValue(issue.input)})`);
  }
  const message = issue.message.startsWith("must ") ? issue.message : `is invalid: ${issue.message}`;
  return new InputError(path || "input", `${message} (got ${fmtValue(issue.input)})`);
}

/** Parses with a valibot schema; throws the first issue as an InputError. */
export function parseWith<T extends v.GenericSchema>(schema: T, input: unknown, prefix = ""): v.InferOutput<T> {
  const r = v.safeParse(schema, input);
  if (!r.success) throw issueToInputError(r.issues, prefix);
  return r.output;
}

/** Re-prefixes an InputError thrown by a cross-field check. */
function prefixed(e: unknown, prefix: string): unknown {
  if (!(e instanceof InputError) || !prefix) return e;
  return new InputError(`${prefix}.${e.field}`, e.message.slice(e.field.length + 2));
}

/**
 * A group of settings from field schemas (num, int, bool, choice, text, nums, ints, json).
 * `check` runs after validation on the resolved settings and throws InputError(key, ...) for
 * combinations that are not allowed.
 */
export function optionGroup<E extends Entries>(entries: E, check?: (o: v.InferOutput<Obj<E>>) => void): OptionGroup<E> {
  const schema = v.strictObject(entries);
  const fields: Field[] = Object.entries(entries).map(([key, s]) => {
    const info = fieldInfo(s as v.GenericSchema);
    if (!info) throw new Error(`option ${key}: build it with num/int/bool/choice/text/nums/ints/json`);
    const d = (s as { default?: unknown }).default;
    return { key, ...info, default: d };
  });
  const defaults = Object.fromEntries(fields.filter((f) => f.default !== undefined).map((f) => [f.key, f.default])) as Partial<v.InferOutput<Obj<E>>>;
  return {
    entries,
    schema,
    fields,
    defaults,
    resolve(input = {}, prefix = "") {
      if (typeof input !== "object" || input === null || Array.isArray(input)) {
        throw new InputError(prefix || "options", `must be an object of settings (got ${fmtValue(input)})`);
      }
      // undefined entries mean "not given" (as in a spread of optional flags)
      const given = Object.fromEntries(Object.entries(input).filter(([, x]) => x !== undefined));
      const out = parseWith(schema, given, prefix);
      try {
        check?.(out);
      } catch (e) {
        throw prefixed(e, prefix);
      }
      return out;
    },
    withDefaults(d) {
      const next: Record<string, unknown> = { ...entries };
      for (const [k, value] of Object.entries(d)) {
        const s = entries[k] as unknown as { wrapped: v.GenericSchema } | undefined;
        if (!s) throw new Error(`withDefaults: no option ${k}`);
        next[k] = v.optional(s.wrapped, value as never);
      }
      return optionGroup(next as E, check);
    },
    omit(...keys) {
      const next = Object.fromEntries(Object.entries(entries).filter(([k]) => !keys.includes(k as never)));
      return optionGroup(next as Omit<E, (typeof keys)[number]>) as never;
    },
    pick(...keys) {
      const next = Object.fromEntries(Object.entries(entries).filter(([k]) => keys.includes(k as never)));
      return optionGroup(next as Pick<E, (typeof keys)[number]>) as never;
    },
  };
}
