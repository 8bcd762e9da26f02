// Progress of a sweep on stderr: a bar (done, failures, rate, ETA) on a terminal, a plain line every
// few seconds otherwise, nothing when quiet.
import cliProgress from "cli-progress";
import type { SweepProgress } from "../sweep/loop.js";

const fmtTime = (s: number) =>
  !Number.isFinite(s) ? "?" : s < 60 ? `${Math.round(s)}s` : s < 3600 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s` : `${Math.floor(s / 3600)}h${String(Math.round((s % 3600) / 60)).padStart(2, "0")}m`;

export function sweepProgress(opts: { quiet?: boolean; tty?: boolean; everyMs?: number }): { update: (p: SweepProgress) => void; stop: () => void } {
  if (opts.quiet) return { update: () => {}, stop: () => {} };
  const shownErrors = new Set<string>();
  const showError = (p: SweepProgress, write: (s: string) => void) => {
    const e = p.last?.error;
    if (e === undefined || shownErrors.size >= 5 || shownErrors.has(e)) return;
    shownErrors.add(e);
    write(`run ${p.last!.index} (${p.last!.id}) failed: ${e}${shownErrors.size === 5 ? " (further errors: see the results file)" : ""}`);
  };
  if (opts.tty ?? process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: "{bar} {value}/{total} runs | {failed} failed | {rate} runs/s | ETA {left}", stream: process.stderr, hideCursor: true, fps: 5 },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(p) {
        const payload = { failed: p.failed, rate: p.rate.toFixed(p.rate < 10 ? 2 : 1), left: fmtTime(p.etaSeconds) };
        if (!started) bar.start(p.total, p.skipped + p.done, payload), (started = true);
        else bar.update(p.skipped + p.done, payload);
        showError(p, (s) => process.stderr.write(`\r\x1b[K${s}\n`));
      },
      stop: () => started && bar.stop(),
    };
  }
  let last = 0;
  const every = opts.everyMs ?? 5000;
  return {
    update(p) {
      showError(p, (s) => process.stderr.write(s + "\n"));
      const t = Date.now();
      const end = p.done + p.skipped === p.total;
      if (!end && t - last < every && p.done > 0) return;
      if (p.done === 0 && last !== 0) return;
      last = t;
      process.stderr.write(`${p.skipped + p.done}/${p.total} runs, ${p.failed} failed, ${p.rate.toFixed(2)} runs/s, ETA ${fmtTime(p.etaSeconds)}\n`);
    },
    stop: () => {},
  };
}
