// The control of any field of an option group (src/api/schema.ts): a text box for numbers, integers,
// lists and text, a menu for choices, a checkbox for booleans — labelled with the setting's CLI flag
// name, its doc as the tooltip. A new setting in an experiment's options appears in the lab without
// lab code. Values are read and checked by field-text.ts (the field's own schema).
import { InputError } from "../api/errors.js";
import type { Field, OptionGroup } from "../api/schema.js";
import { type Control, el, row } from "./controls.js";
import { fieldHint, fieldText, readField } from "./field-text.js";

/** The CLI flag name of a setting (maxEpochs → max-epochs), the control's label. */
export const flagName = (key: string): string => key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());

/**
 * A control for field `f` of `group`; `on(key, value)` gets every valid edit (undefined: cleared, back
 * to the starting value). Invalid text is marked, explained in the tooltip and not applied.
 */
export function optionControl(group: OptionGroup, f: Field, on: (key: string, value: unknown) => void): Control {
  const id = `x-${f.key}`;
  const tip = `${f.doc}\n${fieldHint(f)}${f.default !== undefined ? `; default ${fieldText(f, f.default, ", ")}` : ""}`;
  const { row: r, body } = row(id, flagName(f.key), undefined, tip);
  r.dataset.field = f.key;
  if (f.kind === "boolean") {
    const c = el("input", { type: "checkbox", id: `ctl-${id}` });
    c.addEventListener("change", () => on(f.key, c.checked));
    body.append(c);
    return { key: f.key, row: r, set: (v) => (c.checked = Boolean(v)), enable: (b) => (c.disabled = !b) };
  }
  if (f.kind === "choice") {
    const s = el("select", { id: `ctl-${id}` });
    if (f.default === undefined) s.append(el("option", { value: "" }, "(not set)"));
    for (const c of f.choices!) s.append(el("option", { value: c }, c));
    s.addEventListener("change", () => on(f.key, s.value === "" ? undefined : s.value));
    body.append(s);
    return { key: f.key, row: r, set: (v) => (s.value = v === undefined ? "" : String(v)), enable: (b) => (s.disabled = !b) };
  }
  const input = el("input", { type: "text", class: "num", id: `ctl-${id}`, spellcheck: "false", placeholder: f.nullable ? "none" : "" });
  const commit = () => {
    try {
      const v = readField(group, f, input.value);
      input.classList.remove("bad");
      input.title = "";
      on(f.key, v);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      input.classList.add("bad");
      input.title = e.message;
    }
  };
  input.addEventListener("change", commit);
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") commit();
    e.stopPropagation(); // typing in a box never triggers the page's shortcuts
  });
  body.append(input);
  return {
    key: f.key,
    row: r,
    set: (v) => {
      input.value = fieldText(f, v, ", ");
      input.classList.remove("bad");
      input.title = "";
    },
    enable: (b) => (input.disabled = !b),
  };
}
