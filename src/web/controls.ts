// Form controls bound to one settings key: a labelled row whose value mirrors the settings and
// reports user edits. Log sliders carry an exact number box beside them. (optionControl, in
// option-controls.ts, builds the control of any option-group field.)

/** The settings key a control edits. */
type Key = string;
export type OnChange = (key: Key, value: unknown) => void;

export interface Control {
  key: Key;
  row: HTMLElement;
  set(value: unknown): void;
  enable(on: boolean): void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}
export { el };

export function row(key: Key, label: string, unit?: string, hint?: string): { row: HTMLElement; body: HTMLElement } {
  const r = el("div", { class: "ctl", "data-key": key });
  const lab = el("label", { for: `ctl-${key}` });
  lab.append(el("span", { class: "ctl-name" }, label));
  if (unit) lab.append(el("span", { class: "ctl-unit" }, unit));
  r.append(lab);
  const body = el("div", { class: "ctl-body" });
  r.append(body);
  if (hint) r.title = hint;
  return { row: r, body };
}

/** Shortest readable form of a number for the boxes. */
export function fmtBox(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e5 || a < 1e-3 ? v.toExponential().replace("e+", "e") : String(v);
}

export function selectControl(key: Key, label: string, options: [string, string][], on: OnChange, hint?: string): Control {
  const { row: r, body } = row(key, label, undefined, hint);
  const s = el("select", { id: `ctl-${key}` });
  for (const [v, t] of options) s.append(el("option", { value: v }, t));
  s.addEventListener("change", () => on(key, s.value));
  body.append(s);
  return { key, row: r, set: (v) => (s.value = String(v)), enable: (b) => (s.disabled = !b) };
}

export function segmentedControl(key: Key, label: string, options: [string, string][], on: OnChange, hint?: string): Control {
  const { row: r, body } = row(key, label, undefined, hint);
  const group = el("div", { class: "seg", role: "radiogroup", id: `ctl-${key}` });
  const buttons = options.map(([v, t]) => {
    const b = el("button", { type: "button", "data-value": v, role: "radio" }, t);
    b.addEventListener("click", () => on(key, v));
    group.append(b);
    return b;
  });
  body.append(group);
  return {
    key,
    row: r,
    set: (v) => buttons.forEach((b) => b.setAttribute("aria-checked", String(b.dataset.value === v))),
    enable: (on2) => buttons.forEach((b) => (b.disabled = !on2)),
  };
}

export function checkControl(key: Key, label: string, on: OnChange, hint?: string): Control {
  const { row: r, body } = row(key, label, undefined, hint);
  const c = el("input", { type: "checkbox", id: `ctl-${key}` });
  c.addEventListener("change", () => on(key, c.checked));
  body.append(c);
  return { key, row: r, set: (v) => (c.checked = Boolean(v)), enable: (b) => (c.disabled = !b) };
}

/** A number box; invalid entries are marked and not applied. */
export function numberControl(key: Key, label: string, unit: string | undefined, opts: { min: number; max: number; int?: boolean }, on: OnChange, hint?: string): Control {
  const { row: r, body } = row(key, label, unit, hint);
  const box = numberBox(key, opts, (v) => on(key, v));
  body.append(box.input);
  return { key, row: r, set: box.set, enable: (b) => (box.input.disabled = !b) };
}

function numberBox(key: Key, opts: { min: number; max: number; int?: boolean }, apply: (v: number) => void) {
  const input = el("input", { type: "text", inputmode: "decimal", id: `ctl-${key}`, class: "num", spellcheck: "false" });
  const commit = () => {
    const v = Number(input.value);
    const ok = input.value.trim() !== "" && Number.isFinite(v) && v >= opts.min && v <= opts.max && (!opts.int || Number.isInteger(v));
    input.classList.toggle("bad", !ok);
    input.title = ok ? "" : `a ${opts.int ? "whole " : ""}number from ${fmtBox(opts.min)} to ${fmtBox(opts.max)}`;
    if (ok) apply(v);
  };
  input.addEventListener("change", commit);
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") commit();
    e.stopPropagation(); // typing in a box never triggers the page's shortcuts
  });
  return {
    input,
    set: (v: unknown) => {
      input.value = fmtBox(Number(v));
      input.classList.remove("bad");
    },
  };
}

/**
 * A logarithmic slider from `lo` to `hi` (both > 0) with an exact number box. The box accepts any
 * value in [min, max] (e.g. 0 for λ); the slider then rests at its left end.
 */
export function logSliderControl(key: Key, label: string, unit: string | undefined, opts: { lo: number; hi: number; min: number; max: number; int?: boolean; steps?: number }, on: OnChange, hint?: string): Control {
  const { row: r, body } = row(key, label, unit, hint);
  const steps = opts.steps ?? 240;
  const slider = el("input", { type: "range", min: "0", max: String(steps), step: "1", "aria-label": label });
  const box = numberBox(key, opts, (v) => {
    place(v);
    on(key, v);
  });
  const l0 = Math.log10(opts.lo), l1 = Math.log10(opts.hi);
  const place = (v: number) => (slider.value = String(v > 0 ? Math.round(((Math.log10(v) - l0) / (l1 - l0)) * steps) : 0));
  const valueAt = (pos: number) => {
    const raw = 10 ** (l0 + (pos / steps) * (l1 - l0));
    if (opts.int) return Math.max(opts.min, Math.round(raw));
    return Number(raw.toPrecision(2));
  };
  slider.addEventListener("input", () => box.set(valueAt(Number(slider.value))));
  slider.addEventListener("change", () => on(key, valueAt(Number(slider.value))));
  slider.addEventListener("keydown", (e) => {
    if (e.key === " " || e.key === "s" || e.key === "r") return; // let shortcuts through
    e.stopPropagation();
  });
  body.append(slider, box.input);
  r.classList.add("ctl-slider");
  return {
    key,
    row: r,
    set: (v) => {
      box.set(v);
      place(Number(v));
    },
    enable: (b) => {
      slider.disabled = !b;
      box.input.disabled = !b;
    },
  };
}
