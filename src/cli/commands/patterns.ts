// `relu-landscape patterns`: enumerate the realizable activation patterns of a problem's X (exact),
// compare with Cover's count, test general position; optionally the signed patterns of a network.
import type { Command } from "commander";
import { enumeratePatterns, isGeneralPosition, patternCountFormula, patternString, type PatternSet } from "../../api/patterns.js";
import { networkPatterns } from "../../api/pattern-coverage.js";
import { toNetwork } from "../../api/network.js";
import { InputError } from "../../api/errors.js";
import { VERSION } from "../../version.js";
import { addProblemOptions, loadProblem, num, type ProblemFlags } from "../problem-options.js";
import { readJson, writeJson } from "../io.js";
import { runAction } from "../run-action.js";

interface PatternFlags extends ProblemFlags {
  out?: string;
  list?: boolean;
  network?: string;
  maxPatterns?: string;
  tol?: string;
  method?: string;
  quiet?: boolean;
  json?: boolean;
}

const now = () => performance.now();

export function registerPatterns(program: Command): void {
  const cmd = program
    .command("patterns")
    .description("enumerate every realizable activation pattern 1[Xw > 0] of the data exactly (cells of the arrangement xₖ·w = 0), with Cover's count and a general-position test");
  // patterns depend on X alone: λ is not a setting here (a --lambda flag is refused as unknown)
  addProblemOptions(cmd, ["lambda"]);
  cmd
    .option("--out <file>", "write JSON: n, d, count, formula, generalPosition, seconds (and patterns, witnesses with --list)")
    .option("--list", "list every pattern with its witness w (in --out, else on stdout)")
    .option("--network <file>", "also report the signed patterns (sign aⱼ, 1[Xwⱼ > 0]) of a network's neurons (a train result or {W, a})")
    .option("--max-patterns <N>", "refuse before starting when Cover's count exceeds N", "1e7")
    .option("--tol <t>", "relative zero test |xₖ·v| ≤ t·‖xₖ‖·‖v‖", "1e-9")
    .option("--method <m>", "auto | incremental (deletion–restriction) | lines (around every line of the arrangement)", "auto")
    .option("--json", "print the JSON (as --out writes it, with --list every pattern) instead of the summary")
    .option("--quiet", "print nothing but errors")
    .addHelpText("after", "\nWith --bias the constant-1 column is the last column of X. Rows xₖ = 0 always have bit 0 and are left out of the arrangement.\n")
    .action(runAction(async (flags: PatternFlags) => {
      const problem = await loadProblem(flags, ["lambda"]);
      if (flags.json) flags.quiet = true;
      const data = problem.data;
      const { n, d } = data;
      const maxPatterns = num(flags.maxPatterns, "max-patterns", { min: 1 })!;
      const tol = num(flags.tol, "tol", { min: 0 })!;
      const log = (s: string) => { if (!flags.quiet) console.log(s); };
      const formula = patternCountFormula(n, d);
      let set: PatternSet | undefined;
      let seconds = 0;
      let skipped: string | undefined;
      const t0 = now();
      try {
        if (process.stderr.isTTY && !flags.quiet) process.stderr.write(`enumerating (up to ${formula} patterns)…`);
        set = await enumeratePatterns(data, { maxPatterns, tol, method: flags.method as "auto" });
      } catch (e) {
        // with --network the network report still runs when the enumeration is too large
        if (!(e instanceof InputError) || !flags.network) throw e;
        skipped = e.message;
      } finally {
        if (process.stderr.isTTY && !flags.quiet) process.stderr.write("\r\x1b[K");
      }
      seconds = (now() - t0) / 1000;
      const generalPosition = await isGeneralPosition(data, { tol }).catch((e) => (e instanceof InputError ? null : Promise.reject(e)));
      log(`n = ${n}, d = ${d}${problem.bias ? " (bias: constant-1 column last)" : ""}`);
      if (set) log(`  realizable patterns: ${set.count}  (Cover's count 2·Σ_{k<d} C(n−1,k) = ${formula}; ${2 * set.count} signed)  in ${seconds.toFixed(3)} s (${Math.round(set.count / Math.max(seconds, 1e-9))} patterns/s)`);
      else log(`  enumeration skipped: ${skipped}`);
      if (set?.unverified) log(`  warning: ${set.unverified} patterns have no witness confirmed in floating point: X is degenerate to within about --tol ${tol}; raise --tol (e.g. 1e-6) to treat it as degenerate`);
      log(`  general position: ${generalPosition === null ? "not tested (too many subsets)" : generalPosition ? "yes" : "no"}${set && generalPosition === false ? ` (count ${set.count === formula ? "=" : "<"} Cover's count)` : ""}`);
      const result: Record<string, unknown> = { n, d, bias: problem.bias, count: set?.count ?? null, unverified: set?.unverified ?? null, formula, generalPosition, seconds, tol, version: VERSION };
      if (flags.network) {
        const raw = readJson(flags.network, "--network") as Record<string, unknown>;
        const net = toNetwork(raw, d, "--network");
        const np = await networkPatterns(net, data);
        const active = Array.from(np.classes).filter((c) => c >= 0).length;
        log(`  network: ${net.a.length} neurons, ${active} active (aⱼ ≠ 0, pattern ≠ 0), ${np.count} distinct signed patterns${set ? ` of ${2 * set.count}` : ""}`);
        result.network = { neurons: net.a.length, active, distinctSignedPatterns: np.count, signedPatterns: np.keys, classes: Array.from(np.classes) };
      }
      if (flags.list && set) {
        const patterns = Array.from({ length: set.count }, (_, c) => patternString(set!, c));
        const witnesses = Array.from({ length: set.count }, (_, c) => Array.from(set!.witnesses.subarray(c * d, (c + 1) * d)));
        if (flags.out || flags.json) Object.assign(result, { patterns, witnesses });
        else patterns.forEach((p, c) => console.log(`${p}  ${witnesses[c].map((v) => v.toPrecision(6)).join(" ")}`));
      }
      if (flags.out) {
        writeJson(flags.out, result);
        log(`  wrote ${flags.out}`);
      }
      if (flags.json) console.log(JSON.stringify(result, null, 1));
    }));
}
