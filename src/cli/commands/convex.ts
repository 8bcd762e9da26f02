// `relu-landscape optimum | certify | polish`: the convex reformulation from the command line — the
// exact global optimum (or the best network in a given network's activation cone), a certificate
// for any network, and the exact best network in a network's own cone.
import type { Command } from "commander";
import { type ConvexOptimum, coneOptimum, globalOptimum } from "../../convex/optimum.js";
import { type Certificate, type CertifyOptions, certify } from "../../convex/certify.js";
import { polish } from "../../convex/polish.js";
import { toNetwork, type Network } from "../../api/network.js";
import { InputError } from "../../api/errors.js";
import type { Problem } from "../../api/problem.js";
import { VERSION } from "../../version.js";
import { addProblemOptions, loadProblem, num, type ProblemFlags } from "../problem-options.js";
import { trainOptions } from "../../api/train-options.js";
import { readGroupFlags } from "../option-flags.js";
import type { OptimumOptions } from "../../convex/optimum.js";
import { readJson, writeJson } from "../io.js";
import { runAction } from "../run-action.js";

interface ConvexFlags extends ProblemFlags {
  out?: string;
  json?: boolean;
  quiet?: boolean;
  coneOf?: string;
  network?: string;
  tol?: string;
  maxIterations?: string;
  gapTol?: string;
  gradTol?: string;
  kinkTol?: string;
  stationarityTol?: string;
  width?: string;
  solve?: boolean;
  loss?: string;
  regularizer?: string;
  kappa?: string;
}

const fmt = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(4) : v.toPrecision(10));

/** Reads a network file: any JSON with W and a (a train result, an optimum, {W, a}). */
export function readNetwork(path: string, problem: Problem, flag = "--network"): Network {
  const raw = readJson(path, flag) as { network?: unknown };
  const src = raw && typeof raw === "object" && !("W" in raw) && raw.network ? raw.network : raw;
  try {
    return toNetwork(src, problem.data.d, flag);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(flag, `${path}: ${e.message}`);
    throw e;
  }
}

function solverFlags(cmd: Command): Command {
  return cmd
    .option("--tol <t>", "target relative duality gap of the convex solver", "1e-9")
    .option("--max-iterations <N>", "most Newton steps of the solver", "2000")
    .option("--loss <squared|logistic>", "data loss, as train's (default: the problem's train.loss, else squared)")
    .option("--regularizer <l2|l1-unit>", "λ(‖W‖²+‖a‖²), or λ‖a‖₁ with ‖wⱼ‖ ≤ 1, as train's (default: the problem's, else l2)")
    .option("--kappa <κ>", "output scaling κ: f = (1/κ)Σ a relu(w·x), as train's (default: the problem's, else 1)");
}

function solverOptions(f: ConvexFlags): OptimumOptions {
  // the objective's flags parse exactly as train's (the problem file's train settings are the defaults)
  const t = trainOptions.pick("loss", "regularizer", "kappa").resolve(readGroupFlags(trainOptions.pick("loss", "regularizer", "kappa"), { loss: f.loss, regularizer: f.regularizer, kappa: f.kappa }));
  const given = { loss: f.loss !== undefined, regularizer: f.regularizer !== undefined, kappa: f.kappa !== undefined };
  return {
    tol: num(f.tol, "tol", { gt: 0 }), maxIterations: num(f.maxIterations, "max-iterations", { int: true, min: 1 }),
    ...(given.loss ? { loss: t.loss } : {}), ...(given.regularizer ? { regularizer: t.regularizer } : {}), ...(given.kappa ? { kappa: t.kappa } : {}),
  };
}

/**
 * A result must not hold NaN or ±Infinity (JSON would print them as null, the summary as text):
 * each is an error naming where it is.
 */
export function assertFinite(value: unknown, path = "result"): void {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`${path} is ${value}: a computation left f64's range (please report this input)`);
  } else if (Array.isArray(value)) value.forEach((v, i) => assertFinite(v, `${path}[${i}]`));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) assertFinite(v, `${path}.${k}`);
}

function certifyFlags(cmd: Command): Command {
  return cmd
    .option("--gap-tol <t>", "verdict `global` when (L − lower bound)/L ≤ t; a local minimum's certificate slack must be ≤ t·L", "1e-6")
    .option("--stationarity-tol <t>", "Clarke-stationary (saddle rather than not-stationary) when ‖least-norm subgradient‖·‖θ‖/L ≤ t", "1e-4")
    .option("--kink-tol <t>", "xₖ·wⱼ is a kink when |xₖ·wⱼ| ≤ t·‖xₖ‖·‖wⱼ‖", "1e-7")
    .option("--width <w>", "the width of the question: own (the network's), minimal (merged into a minimal network), or a number (padded with zero neurons)")
    .option("--grad-tol <t>", "deprecated and ignored (verdicts now carry certificates and witnesses)")
    .option("--no-solve", "do not solve the global program; bound only by the network's own residual");
}

function widthOption(w: string | undefined): CertifyOptions["width"] {
  if (w === undefined) return undefined;
  if (w === "own" || w === "minimal") return w;
  return num(w, "width", { int: true, min: 0 });
}

function certifyOptions(f: ConvexFlags): CertifyOptions {
  return {
    ...solverOptions(f),
    gapTol: num(f.gapTol, "gap-tol", { min: 0 }), stationarityTol: num(f.stationarityTol, "stationarity-tol", { min: 0 }),
    kinkTol: num(f.kinkTol, "kink-tol", { min: 0 }), solve: f.solve !== false, width: widthOption(f.width),
  };
}

/** The verdict, what backs it, and its witness, as summary lines. */
function verdictLines(c: Certificate, indent = "  "): string[] {
  const notes = [c.pruned ? `${c.pruned} neurons pruned` : "", c.merged ? `${c.merged} merged` : "", c.padded ? `${c.padded} zero neurons added` : ""].filter(Boolean);
  const lines = [`${indent}verdict: ${c.verdict} at width ${c.width}${notes.length ? ` (${notes.join(", ")})` : ""}`];
  lines.push(`${indent}  ${c.reason}`);
  lines.push(`${indent}  L = ${fmt(c.loss)}  lower bound = ${fmt(c.lowerBound)}  gap = ${c.gap.toExponential(2)} (relative ${c.relativeGap.toExponential(2)})`);
  lines.push(`${indent}  Clarke: relative ‖∂L‖ = ${c.stationarity.relative.toExponential(2)} (${c.stationarity.kinks} kinks)`);
  if (c.local) lines.push(`${indent}  local certificate: slack ${c.local.slack.toExponential(2)} (relative ${c.local.relativeSlack.toExponential(2)}) on radius ${c.local.radius.toPrecision(3)}, ${c.local.patterns} adjacent signed patterns, ${c.local.method} bound${c.local.passed ? "" : " (not passed)"}`);
  if (c.descent) lines.push(`${indent}  descent (${c.descent.kind}${c.descent.neuron !== undefined ? `, neuron ${c.descent.neuron}` : ""}): L(θ + ${c.descent.step.toExponential(3)}·v) = ${fmt(c.descent.loss)} < ${fmt(c.loss)}; v in the JSON (descent.W, descent.a)`);
  if (c.verdict === "undetermined") lines.push(`${indent}  tried: ${c.tried.join("; ")}`);
  return lines;
}

function emit(f: ConvexFlags, value: unknown, summary: () => void): void {
  assertFinite(value);
  if (f.out) writeJson(f.out, value);
  if (f.json) console.log(JSON.stringify(value, null, 1));
  else if (!f.quiet) {
    summary();
    if (f.out) console.log(`  wrote ${f.out}`);
  }
}

function optimumJson(r: ConvexOptimum, problem: Problem, coneOf?: string) {
  return {
    value: r.value, lowerBound: r.lowerBound, gap: r.gap, relativeGap: r.relativeGap, network: r.network, neurons: r.neurons,
    patterns: r.patterns, seconds: r.seconds, iterations: r.iterations, converged: r.converged, ...(r.message ? { message: r.message } : {}),
    lambda: r.settings.lambda, loss: r.settings.loss, regularizer: r.settings.regularizer, kappa: r.settings.kappa,
    n: problem.data.n, d: problem.data.d, ...(r.completeness ? { completeness: r.completeness } : {}),
    ...(coneOf ? { coneOf } : {}), dual: r.dual, version: VERSION,
  };
}

export function registerConvex(program: Command): void {
  const opt = program
    .command("optimum")
    .description("the exact global minimum of L over all widths (the convex reformulation over every activation pattern), with a certified duality gap");
  addProblemOptions(opt);
  solverFlags(opt)
    .option("--cone-of <file>", "restrict to the signed patterns of this network's neurons (the best network in its activation cone)")
    .option("--out <file>", "write JSON: value, lowerBound, gap, network {W, a}, neurons, patterns, seconds, …")
    .option("--json", "print the JSON on stdout instead of a summary")
    .option("--quiet", "print nothing but errors")
    .action(runAction(async (f: ConvexFlags) => {
      const problem = await loadProblem(f);
      const o = solverOptions(f);
      const tty = process.stderr.isTTY && !f.quiet && !f.json;
      if (tty) {
        o.onProgress = (p) => process.stderr.write(`\r  round ${p.round}: ${p.workingSet} patterns in the working set, relative gap ${p.relativeGap.toExponential(2)}, ${p.iterations} Newton steps, ${p.seconds.toFixed(1)} s   `);
      }
      const r = f.coneOf
        ? await coneOptimum(problem, undefined, readNetwork(f.coneOf, problem, "--cone-of"), o)
        : await globalOptimum(problem, undefined, o);
      if (tty) process.stderr.write("\r\x1b[K");
      emit(f, optimumJson(r, problem, f.coneOf), () => {
        const obj = r.settings.loss !== "squared" || r.settings.regularizer !== "l2" || r.settings.kappa !== 1 ? ` (${r.settings.loss} loss, ${r.settings.regularizer}${r.settings.kappa !== 1 ? `, κ=${r.settings.kappa}` : ""})` : "";
        console.log(`${f.coneOf ? "cone" : "global"} optimum on n=${problem.data.n}, d=${problem.data.d}, λ=${r.settings.lambda}${obj}: ${r.patterns} signed patterns`);
        console.log(`  value = ${fmt(r.value)}  lower bound = ${fmt(r.lowerBound)}  gap = ${r.gap.toExponential(2)} (relative ${r.relativeGap.toExponential(2)})`);
        console.log(`  ${r.neurons} neurons, ${r.iterations} Newton steps, ${r.seconds.toFixed(3)} s${r.converged ? "" : `  — ${r.message}`}`);
      });
      if (!r.converged) {
        // the lower bound printed is certified, but the optimum is not: say so, and exit 1
        console.error(`not converged: relative gap ${r.relativeGap.toExponential(2)} > ${o.tol}; the value is a network's L and the lower bound is certified, but the optimum lies anywhere between`);
        process.exitCode = 1;
      }
    }));

  const cert = program
    .command("certify")
    .description("certify a network: its loss L, a certified lower bound on the global optimum, the gap, and a witnessed verdict (global | spurious-local-minimum | saddle | not-stationary | undetermined)");
  addProblemOptions(cert);
  cert.requiredOption("--network <file>", "the network: any JSON with W and a (a train result)");
  certifyFlags(solverFlags(cert))
    .option("--out <file>", "write JSON: verdict, reason, loss, lowerBound, gap, local, descent {W, a, step, loss}, network, …")
    .option("--json", "print the JSON on stdout instead of a summary")
    .option("--quiet", "print nothing but errors")
    .action(runAction(async (f: ConvexFlags) => {
      const problem = await loadProblem(f);
      const c = await certify(problem, undefined, readNetwork(f.network!, problem), certifyOptions(f));
      emit(f, { ...c, lambda: problem.lambda, version: VERSION }, () => {
        for (const line of verdictLines(c, "")) console.log(line);
      });
    }));

  const pol = program
    .command("polish")
    .description("replace a network by the exact best network in its own activation cone (GD chatters at kinked minima; this lands on them), with its verdict");
  addProblemOptions(pol);
  pol.requiredOption("--network <file>", "the network: any JSON with W and a (a train result)");
  certifyFlags(solverFlags(pol))
    .option("--out <file>", "write JSON: W, a, loss, lossBefore, verdict, certificate, …")
    .option("--json", "print the JSON on stdout instead of a summary")
    .option("--quiet", "print nothing but errors")
    .action(runAction(async (f: ConvexFlags) => {
      const problem = await loadProblem(f);
      const p = await polish(problem, undefined, readNetwork(f.network!, problem), certifyOptions(f));
      const out = { ...p.network, loss: p.loss, lossBefore: p.lossBefore, verdict: p.verdict, coneLowerBound: p.coneLowerBound, coneConverged: p.coneConverged, patterns: p.patterns, certificate: p.certificate, seconds: p.seconds, lambda: problem.lambda, version: VERSION };
      emit(f, out, () => {
        console.log(`polished: L ${fmt(p.lossBefore)} → ${fmt(p.loss)} (${p.network.a.length} neurons, ${p.patterns} signed patterns in the cone)`);
        for (const line of verdictLines(p.certificate)) console.log(line);
      });
    }));
}
