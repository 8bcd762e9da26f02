// Small canvas plotting kit for the lab: crisp canvases at any pixel ratio, linear and log scales,
// tick choice, axes with labels, a diverging colour map. Drawing only; no state.

export interface Canvas2D {
  ctx: CanvasRenderingContext2D;
  /** CSS pixels. */
  width: number;
  height: number;
}

/** Sizes the canvas's backing store to its CSS box × devicePixelRatio and returns a context in CSS px. */
export function fitCanvas(canvas: HTMLCanvasElement): Canvas2D {
  const dpr = globalThis.devicePixelRatio || 1;
  const r = canvas.getBoundingClientRect();
  const width = Math.max(1, Math.round(r.width)), height = Math.max(1, Math.round(r.height));
  if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
  }
  const ctx = canvas.getContext("2d")!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return { ctx, width, height };
}

export class Scale {
  constructor(
    readonly lo: number,
    readonly hi: number,
    readonly p0: number,
    readonly p1: number,
    readonly log = false,
  ) {}
  private t(v: number): number {
    return this.log ? Math.log10(v) : v;
  }
  /** Value → pixel. */
  at(v: number): number {
    const a = this.t(this.lo), b = this.t(this.hi);
    return this.p0 + ((this.t(v) - a) / (b - a || 1)) * (this.p1 - this.p0);
  }
  /** Pixel → value. */
  inv(p: number): number {
    const a = this.t(this.lo), b = this.t(this.hi);
    const x = a + ((p - this.p0) / (this.p1 - this.p0 || 1)) * (b - a);
    return this.log ? 10 ** x : x;
  }
  ticks(count = 5): number[] {
    return this.log ? logTicks(this.lo, this.hi) : niceTicks(this.lo, this.hi, count);
  }
}

export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => (hi - lo) / s <= count + 0.5) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

export function logTicks(lo: number, hi: number): number[] {
  const a = Math.ceil(Math.log10(lo) - 1e-9), b = Math.floor(Math.log10(hi) + 1e-9);
  const every = Math.max(1, Math.ceil((b - a + 1) / 7));
  const out: number[] = [];
  for (let e = a; e <= b; e += every) out.push(10 ** e);
  return out;
}

/** Short tick label. */
export function tickLabel(v: number, log: boolean): string {
  if (log) {
    const e = Math.round(Math.log10(v));
    if (e >= -2 && e <= 3) return String(10 ** e >= 1 ? 10 ** e : Number((10 ** e).toFixed(-e)));
    return `1e${e}`;
  }
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(0);
  return String(Number(v.toPrecision(3)));
}

export const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
export const INK = "#1f2933";
export const GRID = "#e4e7eb";
export const MUTED = "#616e7c";

export interface Axes {
  x: Scale;
  y: Scale;
  xLabel: string;
  yLabel: string;
  /** Tick values of the x axis (default: chosen from the scale), labelled as plain numbers. */
  xTicks?: number[];
  /** Tick values of the y axis (default: chosen from the scale), labelled as plain numbers. */
  yTicks?: number[];
}

/** Grid lines, tick labels and axis titles around the frame of `axes`. */
export function drawAxes(c: Canvas2D, axes: Axes, grid = true): void {
  const { ctx } = c;
  const { x, y } = axes;
  const [l, r, b, t] = [x.p0, x.p1, y.p0, y.p1];
  ctx.save();
  ctx.font = FONT;
  ctx.lineWidth = 1;
  ctx.fillStyle = MUTED;
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (const v of axes.xTicks ?? x.ticks(6)) {
    const px = Math.round(x.at(v)) + 0.5;
    if (grid) {
      ctx.strokeStyle = GRID;
      ctx.beginPath();
      ctx.moveTo(px, t);
      ctx.lineTo(px, b);
      ctx.stroke();
    }
    ctx.fillText(axes.xTicks ? String(v) : tickLabel(v, x.log), px, b + 5);
  }
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const v of axes.yTicks ?? y.ticks(5)) {
    const py = Math.round(y.at(v)) + 0.5;
    if (grid) {
      ctx.strokeStyle = GRID;
      ctx.beginPath();
      ctx.moveTo(l, py);
      ctx.lineTo(r, py);
      ctx.stroke();
    }
    ctx.fillText(axes.yTicks ? String(v) : tickLabel(v, y.log), l - 6, py);
  }
  ctx.strokeStyle = "#9aa5b1";
  ctx.strokeRect(l + 0.5, t + 0.5, r - l, b - t);
  ctx.fillStyle = INK;
  ctx.textAlign = "center";
  ctx.textBaseline = "bottom";
  ctx.fillText(axes.xLabel, (l + r) / 2, c.height - 2);
  ctx.translate(12, (t + b) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = "middle";
  ctx.fillText(axes.yLabel, 0, 0);
  ctx.restore();
}

// diverging map: blue (negative) – near white (0) – red (positive)
const STOPS: [number, number, number][] = [
  [33, 102, 172],
  [146, 197, 222],
  [247, 247, 247],
  [244, 165, 130],
  [178, 24, 43],
];

/** RGB of t ∈ [−1, 1] on the diverging map. */
export function diverging(t: number): [number, number, number] {
  const u = (Math.max(-1, Math.min(1, t)) + 1) / 2 * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(u)), f = u - i;
  const a = STOPS[i], b = STOPS[i + 1];
  return [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2])];
}

export const rgb = (c: [number, number, number], alpha = 1) => `rgba(${c[0] | 0},${c[1] | 0},${c[2] | 0},${alpha})`;

/** Colours of the series in experiment plots (colour-blind safe). */
export const SERIES = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000"];

/** Neurons: positive output weight red, negative blue. */
export const POS = "#b2182b";
export const NEG = "#2166ac";
