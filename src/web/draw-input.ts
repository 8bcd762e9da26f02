// The input-space picture of the current network: for 1-D data the learned curve with the neurons'
// kinks; for 2-D data (or the principal plane of higher-dimensional data) a heat map of f, every
// neuron's activation hyperplane wⱼ·x = 0 as a line (red: aⱼ > 0, blue: aⱼ < 0, faint when
// |aⱼ|·‖wⱼ‖ is small, a tick on the active side) and the data points coloured by their label.
import type { DataMsg, Tick } from "./protocol.js";
import { type Canvas2D, Scale, drawAxes, diverging, rgb, INK, NEG, POS, FONT, MUTED } from "./plot.js";

const M = { left: 48, right: 14, top: 12, bottom: 36 };

/** The view's fixed extent for a data set (so that nothing moves while training). */
export interface View {
  x: [number, number];
  y: [number, number];
  /** Plane coordinates of the points (2-D) or x (1-D). */
  u: Float64Array;
  v: Float64Array;
  yMax: number;
}

export function makeView(data: DataMsg): View {
  const { X, y, n, dIn, basis } = data;
  const u = new Float64Array(n), v = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    if (dIn === 1) u[k] = X[k];
    else if (!basis) {
      u[k] = X[k * 2];
      v[k] = X[k * 2 + 1];
    } else {
      for (let i = 0; i < dIn; i++) {
        u[k] += X[k * dIn + i] * basis[i];
        v[k] += X[k * dIn + i] * basis[dIn + i];
      }
    }
  }
  const span = (a: Float64Array): [number, number] => {
    let lo = Infinity, hi = -Infinity;
    for (const x of a) (lo = Math.min(lo, x)), (hi = Math.max(hi, x));
    return [lo, hi];
  };
  const yMax = Math.max(1e-12, ...Array.from(y, Math.abs));
  if (dIn === 1) {
    const [lo, hi] = span(u), pad = 0.12 * (hi - lo || 1);
    const [ylo, yhi] = span(y), ypad = 0.35 * (yhi - ylo || 1);
    return { x: [lo - pad, hi + pad], y: [ylo - ypad, yhi + ypad], u, v, yMax };
  }
  // square view centred on the points, containing the origin's neighbourhood when data are near it
  let [ulo, uhi] = span(u), [vlo, vhi] = span(v);
  if (!data.bias) {
    // without a bias every hyperplane passes through the origin: keep it in view
    (ulo = Math.min(ulo, 0)), (uhi = Math.max(uhi, 0)), (vlo = Math.min(vlo, 0)), (vhi = Math.max(vhi, 0));
  }
  const half = 0.62 * Math.max(uhi - ulo, vhi - vlo, 1e-9);
  const cu = (ulo + uhi) / 2, cv = (vlo + vhi) / 2;
  return { x: [cu - half, cu + half], y: [cv - half, cv + half], u, v, yMax };
}

/** A network as drawn: flat W (m×d, bias last) and a. */
export type Net = Pick<Tick, "W" | "a" | "m" | "d">;

/** f at a point given by its raw input vector (bias appended inside). */
function makeF(tick: Net, bias: boolean) {
  const { W, a, m, d } = tick;
  return (x: ArrayLike<number>) => {
    let f = 0;
    for (let j = 0; j < m; j++) {
      let z = bias ? W[j * d + d - 1] : 0;
      for (let i = 0; i < x.length; i++) z += W[j * d + i] * x[i];
      if (z > 0) f += a[j] * z;
    }
    return f;
  };
}

/** Neuron j's mass |aⱼ|·‖wⱼ‖ (its share of the output). */
function masses(tick: Net): Float64Array {
  const out = new Float64Array(tick.m);
  for (let j = 0; j < tick.m; j++) {
    let s = 0;
    for (let i = 0; i < tick.d; i++) s += tick.W[j * tick.d + i] ** 2;
    out[j] = Math.abs(tick.a[j]) * Math.sqrt(s);
  }
  return out;
}

let heat: OffscreenCanvas | undefined;

/** Colour position of a value: signed square root of v/scale, so small values keep some colour. */
const colorT = (v: number, scale: number) => Math.sign(v) * Math.sqrt(Math.min(1, Math.abs(v) / scale));

/** Each neuron's pre-activation on the drawn plane: zⱼ(u, v) = cuⱼ·u + cvⱼ·v + c0ⱼ. */
function planeCoefficients(tick: Net, data: DataMsg): { cu: Float64Array; cv: Float64Array; c0: Float64Array } {
  const { W, m, d } = tick;
  const { basis, dIn, bias } = data;
  const cu = new Float64Array(m), cv = new Float64Array(m), c0 = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    if (!basis) (cu[j] = W[j * d]), (cv[j] = W[j * d + 1]);
    else for (let i = 0; i < dIn; i++) (cu[j] += W[j * d + i] * basis[i]), (cv[j] += W[j * d + i] * basis[dIn + i]);
    c0[j] = bias ? W[j * d + d - 1] : 0;
  }
  return { cu, cv, c0 };
}

/** Two far points (u₀, v₀, u₁, v₁) of the line cu·u + cv·v + c0 = 0 around the view; null if degenerate. */
function lineThroughView(cu: number, cv: number, c0: number, view: View): number[] | null {
  const nn = Math.hypot(cu, cv);
  if (!(nn > 0)) return null;
  const mu = (view.x[0] + view.x[1]) / 2, mv = (view.y[0] + view.y[1]) / 2;
  const s = (cu * mu + cv * mv + c0) / (nn * nn);
  const pu = mu - s * cu, pv = mv - s * cv;
  const du = -cv / nn, dv = cu / nn, L = 4 * (view.x[1] - view.x[0]);
  return [pu - L * du, pv - L * dv, pu + L * du, pv + L * dv];
}

function frame(c: Canvas2D, view: View, square: boolean): { x: Scale; y: Scale } {
  let w = c.width - M.left - M.right, h = c.height - M.top - M.bottom;
  if (square) w = h = Math.min(w, h);
  const left = M.left + (c.width - M.left - M.right - w) / 2;
  return { x: new Scale(view.x[0], view.x[1], left, left + w), y: new Scale(view.y[0], view.y[1], M.top + h, M.top) };
}

/** Draws the current network (`tick`) and, when known, the global optimum's network (`best`). */
export function drawInput(c: Canvas2D, data: DataMsg, view: View, tick: Tick | undefined, best?: Net): void {
  if (data.dIn === 1) return draw1d(c, data, view, tick, best);
  const { ctx } = c;
  const { x, y } = frame(c, view, true);
  const [l, r, b, t] = [x.p0, x.p1, y.p0, y.p1];
  const basis = data.basis;
  const coef = tick ? planeCoefficients(tick, data) : undefined;
  if (tick && coef) {
    // heat map of f on the plane, resolution bounded so a frame stays cheap at large m
    const res = Math.max(32, Math.min(100, Math.floor(Math.sqrt(1e6 / Math.max(1, tick.m)))));
    heat ??= new OffscreenCanvas(res, res);
    if (heat.width !== res) (heat.width = res), (heat.height = res);
    const hctx = heat.getContext("2d")!;
    const img = hctx.createImageData(res, res);
    const { cu, cv, c0 } = coef;
    const a = tick.a, m = tick.m;
    const du = (view.x[1] - view.x[0]) / res;
    for (let py = 0; py < res; py++) {
      const v = view.y[1] - (py + 0.5) * ((view.y[1] - view.y[0]) / res);
      for (let px = 0; px < res; px++) {
        const u = view.x[0] + (px + 0.5) * du;
        let f = 0;
        for (let j = 0; j < m; j++) {
          const z = cu[j] * u + cv[j] * v + c0[j];
          if (z > 0) f += a[j] * z;
        }
        const col = diverging(colorT(f, view.yMax));
        const o = 4 * (py * res + px);
        img.data[o] = col[0];
        img.data[o + 1] = col[1];
        img.data[o + 2] = col[2];
        img.data[o + 3] = 255;
      }
    }
    hctx.putImageData(img, 0, 0);
    ctx.save();
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(heat, l, t, r - l, b - t);
    ctx.restore();
  }
  drawAxes(c, { x, y, xLabel: basis ? "u₁ = x · (1st principal direction of X)" : "x₁", yLabel: basis ? "u₂ (2nd principal direction)" : "x₂" }, false);
  ctx.save();
  ctx.beginPath();
  ctx.rect(l, t, r - l, b - t);
  ctx.clip();
  if (tick && coef) {
    const mass = masses(tick);
    const mmax = mass.reduce((p, q) => Math.max(p, q), 1e-300);
    const a = tick.a;
    for (let j = 0; j < tick.m; j++) {
      const cu = coef.cu[j], cv = coef.cv[j], c0 = coef.c0[j];
      const nn = Math.hypot(cu, cv);
      if (!(nn > 0)) continue;
      // the line cu·u + cv·v + c0 = 0: closest point to the view centre, direction along the line
      const mu = (view.x[0] + view.x[1]) / 2, mv = (view.y[0] + view.y[1]) / 2;
      const s = (cu * mu + cv * mv + c0) / (nn * nn);
      const pu = mu - s * cu, pv = mv - s * cv;
      const du = -cv / nn, dv = cu / nn, L = 4 * (view.x[1] - view.x[0]);
      const alpha = 0.15 + 0.85 * Math.sqrt(mass[j] / mmax);
      ctx.strokeStyle = a[j] >= 0 ? POS : NEG;
      ctx.globalAlpha = alpha;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(x.at(pu - L * du), y.at(pv - L * dv));
      ctx.lineTo(x.at(pu + L * du), y.at(pv + L * dv));
      ctx.stroke();
      // a short tick on the active side (wⱼ·x > 0)
      const px = x.at(pu), py = y.at(pv);
      const tx = cu / nn, ty = -cv / nn; // screen y points down
      ctx.beginPath();
      ctx.moveTo(px, py);
      ctx.lineTo(px + 9 * tx, py + 9 * ty);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }
  if (best) {
    // the global optimum's neurons: dashed green lines
    const bc = planeCoefficients(best, data);
    ctx.strokeStyle = "#009e73";
    ctx.lineWidth = 2;
    ctx.setLineDash([7, 4]);
    for (let j = 0; j < best.m; j++) {
      const seg = lineThroughView(bc.cu[j], bc.cv[j], bc.c0[j], view);
      if (!seg) continue;
      ctx.beginPath();
      ctx.moveTo(x.at(seg[0]), y.at(seg[1]));
      ctx.lineTo(x.at(seg[2]), y.at(seg[3]));
      ctx.stroke();
    }
    ctx.setLineDash([]);
  }
  for (let k = 0; k < data.n; k++) {
    ctx.beginPath();
    const px = x.at(view.u[k]), py = y.at(view.v[k]);
    ctx.arc(px, py, 4.5, 0, 2 * Math.PI);
    ctx.fillStyle = rgb(diverging(colorT(data.y[k], view.yMax)));
    ctx.fill();
    // a white ring inside a dark one: visible on any colour of the map, even where f fits y exactly
    ctx.lineWidth = 1.6;
    ctx.strokeStyle = "#ffffff";
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(px, py, 5.6, 0, 2 * Math.PI);
    ctx.lineWidth = 1;
    ctx.strokeStyle = INK;
    ctx.stroke();
  }
  ctx.restore();
}

function draw1d(c: Canvas2D, data: DataMsg, view: View, tick: Tick | undefined, best?: Net): void {
  const { ctx } = c;
  const { x, y } = frame(c, view, false);
  const [l, r, b, t] = [x.p0, x.p1, y.p0, y.p1];
  drawAxes(c, { x, y, xLabel: "x", yLabel: "y,  f(x)" });
  ctx.save();
  ctx.beginPath();
  ctx.rect(l, t, r - l, b - t);
  ctx.clip();
  if (tick) {
    const { W, a, d } = tick;
    const mass = masses(tick);
    const mmax = mass.reduce((p, q) => Math.max(p, q), 1e-300);
    // kinks: wⱼ·x + bⱼ = 0
    for (let j = 0; j < tick.m; j++) {
      const w = W[j * d], bj = data.bias ? W[j * d + d - 1] : 0;
      if (w === 0) continue;
      const px = x.at(-bj / w);
      ctx.globalAlpha = 0.12 + 0.7 * Math.sqrt(mass[j] / mmax);
      ctx.strokeStyle = a[j] >= 0 ? POS : NEG;
      ctx.lineWidth = 1.2;
      ctx.beginPath();
      ctx.moveTo(px, b);
      ctx.lineTo(px, b - 14);
      ctx.stroke();
      ctx.setLineDash([3, 4]);
      ctx.globalAlpha *= 0.45;
      ctx.beginPath();
      ctx.moveTo(px, b - 14);
      ctx.lineTo(px, t);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    ctx.globalAlpha = 1;
    const curve = (net: Net, color: string, width: number, dash: number[]) => {
      const f = makeF(net, data.bias);
      const xv = new Float64Array(1);
      ctx.strokeStyle = color;
      ctx.lineWidth = width;
      ctx.setLineDash(dash);
      ctx.beginPath();
      for (let p = 0; p <= 400; p++) {
        xv[0] = view.x[0] + (p / 400) * (view.x[1] - view.x[0]);
        const py = y.at(f(xv));
        if (p === 0) ctx.moveTo(x.at(xv[0]), py);
        else ctx.lineTo(x.at(xv[0]), py);
      }
      ctx.stroke();
      ctx.setLineDash([]);
    };
    if (best) curve(best, "#009e73", 2, [7, 4]);
    curve(tick, "#d55e00", 2.2, []);
  }
  for (let k = 0; k < data.n; k++) {
    ctx.beginPath();
    ctx.arc(x.at(view.u[k]), y.at(data.y[k]), 4, 0, 2 * Math.PI);
    ctx.fillStyle = "#ffffff";
    ctx.fill();
    ctx.lineWidth = 1.6;
    ctx.strokeStyle = INK;
    ctx.stroke();
  }
  ctx.restore();
  ctx.font = FONT;
  ctx.fillStyle = MUTED;
  ctx.textAlign = "right";
  ctx.textBaseline = "top";
  ctx.fillText("ticks at the bottom: the neurons' kinks", r - 6, t + 6);
}
