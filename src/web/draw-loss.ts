// The loss curve of the live run: L and the data loss against epochs on a log scale, with the
// certified lower bound on the global optimum when the convex solver has given one.
import { type Canvas2D, Scale, drawAxes, FONT, INK } from "./plot.js";

/** A thinned history of the run: at most `cap` points, always keeping the latest. */
export class LossHistory {
  epoch: number[] = [];
  loss: number[] = [];
  dataLoss: number[] = [];
  constructor(readonly cap = 4000) {}
  push(epoch: number, loss: number, dataLoss: number): void {
    const last = this.epoch.length - 1;
    if (last >= 0 && this.epoch[last] === epoch) {
      this.loss[last] = loss;
      this.dataLoss[last] = dataLoss;
      return;
    }
    this.epoch.push(epoch);
    this.loss.push(loss);
    this.dataLoss.push(dataLoss);
    if (this.epoch.length > this.cap) {
      // drop every other point of the older half (early epochs stay densely sampled on a log axis)
      const keep = (_: number, i: number) => i % 2 === 0 || i >= this.epoch.length / 2 || i < 64;
      this.epoch = this.epoch.filter(keep);
      this.loss = this.loss.filter(keep);
      this.dataLoss = this.dataLoss.filter(keep);
    }
  }
}

const M = { left: 58, right: 16, top: 26, bottom: 36 };

export function drawLoss(c: Canvas2D, h: LossHistory, logX: boolean, lowerBound: number | null): void {
  const { ctx } = c;
  const pos = (v: number) => Number.isFinite(v) && v > 0;
  let lo = Infinity, hi = -Infinity;
  for (const arr of [h.loss, h.dataLoss]) for (const v of arr) if (pos(v)) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  if (lowerBound !== null && pos(lowerBound)) lo = Math.min(lo, lowerBound);
  if (!(hi >= lo)) (lo = 1e-3), (hi = 1);
  const ylo = 10 ** Math.floor(Math.log10(lo) - 1e-9), yhi = 10 ** Math.ceil(Math.log10(hi) + 1e-9);
  const last = h.epoch.length ? h.epoch[h.epoch.length - 1] : 0;
  // the epoch axis grows in steps (×10 on a log axis, nice linear steps) so it does not crawl
  const xhi = logX ? 10 ** Math.max(1, Math.ceil(Math.log10(Math.max(last, 10)) - 1e-9)) : niceCeil(Math.max(10, last));
  const x = new Scale(logX ? 1 : 0, xhi, M.left, c.width - M.right, logX);
  const y = new Scale(ylo, yhi === ylo ? ylo * 10 : yhi, c.height - M.bottom, M.top, true);
  drawAxes(c, { x, y, xLabel: logX ? "epoch + 1 (log)" : "epoch", yLabel: "loss (log)" });
  const ex = (e: number) => x.at(logX ? e + 1 : e);
  ctx.save();
  ctx.beginPath();
  ctx.rect(x.p0, y.p1, x.p1 - x.p0, y.p0 - y.p1);
  ctx.clip();
  const series = (vals: number[], color: string, width: number, dash: number[]) => {
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.setLineDash(dash);
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < vals.length; i++) {
      if (!pos(vals[i])) {
        pen = false;
        continue;
      }
      const px = ex(h.epoch[i]), py = y.at(vals[i]);
      if (pen) ctx.lineTo(px, py);
      else ctx.moveTo(px, py);
      pen = true;
    }
    ctx.stroke();
    ctx.setLineDash([]);
  };
  if (lowerBound !== null && pos(lowerBound)) {
    ctx.strokeStyle = "#009e73";
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = 1.5;
    const py = Math.round(y.at(lowerBound)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x.p0, py);
    ctx.lineTo(x.p1, py);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  series(h.dataLoss, "#56b4e9", 1.5, [5, 3]);
  series(h.loss, "#0b3d91", 2, []);
  ctx.restore();
  // legend above the frame
  ctx.font = FONT;
  ctx.textBaseline = "middle";
  ctx.textAlign = "left";
  let lx = M.left;
  const item = (label: string, color: string, dash: number[]) => {
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.moveTo(lx, 12);
    ctx.lineTo(lx + 22, 12);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = INK;
    ctx.fillText(label, lx + 28, 12);
    lx += 36 + ctx.measureText(label).width;
  };
  item("L (with weight decay)", "#0b3d91", []);
  item("data loss", "#56b4e9", [5, 3]);
  if (lowerBound !== null) item("certified min L", "#009e73", [6, 4]);
}

function niceCeil(v: number): number {
  const mag = 10 ** Math.floor(Math.log10(v));
  for (const f of [1, 2, 5, 10]) if (f * mag >= v) return f * mag;
  return 10 * mag;
}
