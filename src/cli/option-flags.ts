// Command-line flags from option groups (src/api/schema.ts): every field of a group becomes
// `--kebab-name <placeholder>` with its doc and default in --help; flag strings are parsed by the
// field's kind (numbers, integers, lists "a,b,c" or "start:stop:step", choices, booleans with
// --no-name when the default is true) and validated by the group, whose errors name the field
// (src/cli/run-action.ts turns that field into the command's flag).
import { type Command, Option } from "commander";
import { InputError } from "../api/errors.js";
import type { Field, OptionGroup } from "../api/schema.js";

/** camelCase → kebab-case (the flag of a setting). */
export const kebab = (s: string): string => s.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());
/** The flag of a setting: maxEpochs → --max-epochs. */
export const flagOf = (key: string): string => `--${kebab(key)}`;

const show = (v: unknown): string =>
  Array.isArray(v) ? v.map(show).join(",") : typeof v === "number" && v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6) ? v.toExponential().replace("e+", "e") : String(v);

function placeholder(f: Field): string {
  if (f.placeholder) return f.placeholder;
  if (f.kind === "choice") return f.choices!.join("|");
  if (f.kind === "numbers" || f.kind === "integers") return "list";
  return f.key.length <= 2 ? f.key : f.kind === "text" ? "text" : f.kind === "integer" ? "N" : "x";
}

export interface FlagOptions {
  /** Fields not offered as flags. @default [] */
  omit?: readonly string[];
  /** Defaults to show instead of the group's (e.g. an experiment's). @default the group's */
  defaults?: Record<string, unknown>;
}

/** Adds one flag per field of `group` (except json fields and `omit`). */
export function addGroupFlags(cmd: Command, group: OptionGroup, o: FlagOptions = {}): Command {
  for (const f of group.fields) {
    if (f.noFlag || f.kind === "json" || o.omit?.includes(f.key)) continue;
    const def = o.defaults && f.key in o.defaults ? o.defaults[f.key] : f.default;
    const shown = def === undefined ? "" : def === null ? " (default: none)" : ` (default: ${show(def)})`;
    if (f.kind === "boolean") {
      // a flag turns on what is off by default; --no-x turns off what is on
      cmd.addOption(def === true ? new Option(`--no-${kebab(f.key)}`, `do not: ${f.doc}`) : new Option(flagOf(f.key), f.doc));
      continue;
    }
    const list = f.kind === "numbers" || f.kind === "integers" ? ' ("a,b,c" or "start:stop:step")' : "";
    const none = f.nullable ? ' ("none" for none)' : "";
    cmd.addOption(new Option(`${flagOf(f.key)} <${placeholder(f)}>`, `${f.doc}${list}${none}${shown}`));
  }
  return cmd;
}

function parseNumber(text: string, flag: string): number {
  const t = text.trim();
  // 2^-3 and 1/8 are handy for scales
  const pow = /^(-?[\d.]+)\^(-?[\d.]+)$/.exec(t);
  const frac = /^(-?[\d.]+)\/([\d.]+)$/.exec(t);
  const v = pow ? Number(pow[1]) ** Number(pow[2]) : frac ? Number(frac[1]) / Number(frac[2]) : t === "" ? NaN : Number(t);
  if (!Number.isFinite(v)) throw new InputError(flag, `got "${text}": give a number`);
  return v;
}

/** "a,b,c" or "start:stop:step" (inclusive) → numbers. */
export function parseNumberList(text: string, flag: string): number[] {
  const range = text.split(":");
  if (range.length === 3) {
    const [a, b, s] = range.map((x) => parseNumber(x, flag));
    if (!(s > 0) || b < a) throw new InputError(flag, `got "${text}": give start:stop:step with stop ≥ start and step > 0`);
    const count = Math.floor((b - a) / s + 1e-9) + 1;
    if (count > 10_000) throw new InputError(flag, `got "${text}": ${count} values; give at most 10000`);
    return Array.from({ length: count }, (_, i) => Number((a + i * s).toPrecision(12)));
  }
  const parts = text.split(",").map((x) => x.trim()).filter((x) => x !== "");
  if (parts.length === 0) throw new InputError(flag, `got "${text}": give values separated by commas, e.g. 4,8,16`);
  return parts.map((x) => parseNumber(x, flag));
}

/** The settings given as flags (commander's parsed values, camelCase keys), as the group's input. */
export function readGroupFlags(group: OptionGroup, flags: Record<string, unknown>, o: FlagOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of group.fields) {
    if (f.noFlag || f.kind === "json" || o.omit?.includes(f.key)) continue;
    const raw = flags[f.key];
    if (raw === undefined) continue;
    const flag = flagOf(f.key);
    if (f.kind === "boolean") {
      // commander: --x gives true; --no-x gives false (and true when absent, which we cannot tell
      // from "given": only a false counts as given)
      const def = o.defaults && f.key in o.defaults ? o.defaults[f.key] : f.default;
      if (def === true ? raw === false : raw === true) out[f.key] = raw;
      continue;
    }
    const text = String(raw);
    if (f.nullable && /^(none|null)$/i.test(text.trim())) out[f.key] = null;
    else if (f.kind === "number" || f.kind === "integer") out[f.key] = parseNumber(text, flag);
    else if (f.kind === "numbers" || f.kind === "integers") out[f.key] = parseNumberList(text, flag);
    else out[f.key] = text;
  }
  return out;
}
