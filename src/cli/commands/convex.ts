// `relu-landscape optimum | certify | polish`: the convex reformulation from the command line — the
// exact global optimum (or the best network in a given network's activation cone), a certificate
// for any network, and the exact best network in a network's own cone. Their settings are the option
// groups of src/convex/options.ts (solver, objective, classifier): flags, help, defaults and
// validation come from there.
//
// Exit codes: 0 when the result is fully certified; 1 (the result still printed and written) when
// `optimum` did not reach its gap, when certify's verdict is `undetermined` (the certificate the
// question needs could not be established), when polish's cone program did not reach its gap or the
// polished network's verdict is `undetermined`; 2 for bad input.
import { type Command, Option } from "commander";
import { type ConvexOptimum, coneOptimum, globalOptimum } from "../../convex/optimum.js";
import { type Certificate, type CertifyOptions, certify } from "../../convex/certify.js";
import { polish, type PolishResult } from "../../convex/polish.js";
import type { KnownOptimum } from "../../convex/verdict.js";
import { OBJECTIVE_FLAG_DEFAULTS, objectiveFlags, solverSettings, verdictSettings } from "../../convex/options.js";
import type { OptimumOptions } from "../../convex/optimum.js";
import { toNetwork, type Network } from "../../api/network.js";
import { InputError } from "../../api/errors.js";
import type { Problem } from "../../api/problem.js";
import { VERSION } from "../../version.js";
import { addProblemOptions, loadProblem, type ProblemFlags } from "../problem-options.js";
import { addGroupFlags, readGroupFlags } from "../option-flags.js";
import { readJson, writeJson } from "../io.js";
import { runAction } from "../run-action.js";

type ConvexFlags = ProblemFlags & { out?: string; json?: boolean; quiet?: boolean; coneOf?: string; network?: string; optimum?: string };

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

/** The solver's and the objective's flags (src/convex/options.ts: solverSettings, objectiveFlags). */
function solverFlags(cmd: Command): Command {
  addGroupFlags(cmd, solverSettings);
  return addGroupFlags(cmd, objectiveFlags, { defaults: OBJECTIVE_FLAG_DEFAULTS });
}

/** The solver's settings and the objective given as flags (not given: the problem file's train settings). */
function solverOptions(f: ConvexFlags): OptimumOptions {
  return {
    ...solverSettings.resolve(readGroupFlags(solverSettings, f)),
    ...objectiveFlags.resolve(readGroupFlags(objectiveFlags, f)),
  } as OptimumOptions;
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

/**
 * A certificate as JSON: a local certificate's radius is Infinity for a network of width 0 (it holds
 * everywhere: the empty network is the only point of its space), written as null.
 */
export function certificateJson(c: Certificate): Certificate {
  const fix = (l: Certificate["local"]) => (l && !Number.isFinite(l.radius) ? { ...l, radius: null as unknown as number } : l);
  return { ...c, ...(c.local ? { local: fix(c.local) } : {}), ...(c.restricted ? { restricted: fix(c.restricted) } : {}) };
}

/** The flags of a known optimum (certify, polish, train --certify/--polish): --optimum FILE, or --lower-bound and --global-value. */
export function knownOptimumFlags(cmd: Command): Command {
  addGroupFlags(cmd, verdictSettings.pick("lowerBound", "globalValue"));
  return cmd.option("--optimum <file>", "a global optimum written by `relu-landscape optimum --out` for this problem and objective: its bounds are reused (checked against the problem, its network evaluated, its dual point re-verified) and the global solve is skipped");
}

/** The known optimum given as flags: { optimum } from --optimum, or { lowerBound, globalValue }. */
export function knownOptimum(f: ConvexFlags): Pick<CertifyOptions, "optimum" | "lowerBound" | "globalValue"> {
  const given = verdictSettings.pick("lowerBound", "globalValue").resolve(readGroupFlags(verdictSettings.pick("lowerBound", "globalValue"), f));
  if (f.optimum === undefined) return given;
  if (given.lowerBound !== undefined || given.globalValue !== undefined) throw new InputError("--optimum", "comes instead of --lower-bound and --global-value: give one or the other");
  return { optimum: readJson(f.optimum, "--optimum") as KnownOptimum };
}

/** Errors about the given optimum name the file (`--optimum: o.json: optimum.lambda is 0.1 but …`). */
export async function withOptimumFile<T>(f: ConvexFlags, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof InputError && f.optimum !== undefined && (e.field === "optimum" || e.field.startsWith("optimum."))) {
      throw new InputError("--optimum", `${f.optimum}: ${e.field} ${e.message.slice(e.field.length + 2)}`);
    }
    throw e;
  }
}

/** The classifier's flags (src/convex/options.ts: verdictSettings) and a known optimum's. */
function certifyFlags(cmd: Command): Command {
  addGroupFlags(cmd, verdictSettings, { omit: ["lowerBound", "globalValue"] });
  knownOptimumFlags(cmd);
  // deprecated and ignored (verdicts carry certificates and witnesses); accepted for one more release
  return cmd.addOption(new Option("--grad-tol <t>").hideHelp());
}

function certifyOptions(f: ConvexFlags): CertifyOptions {
  // validated by the classifier (before any solve), errors naming the field
  return { ...solverOptions(f), ...readGroupFlags(verdictSettings, f, { omit: ["lowerBound", "globalValue"] }), ...knownOptimum(f) } as CertifyOptions;
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

/** Exit code 1 (after printing and writing) when the verdict is undetermined: says why on stderr. */
export function failWhenUndetermined(c: Certificate, what: string): void {
  if (c.verdict !== "undetermined") return;
  console.error(`${what}: undetermined — the certificate the verdict needs could not be established (${c.reason}); exit code 1`);
  process.exitCode = 1;
}

/**
 * Exit code 1 (after printing and writing) when a polished network is not certified: its cone program
 * stopped short of its gap, or its verdict is undetermined. Says why on stderr.
 */
export function failWhenPolishUnproven(p: Pick<PolishResult, "coneConverged" | "certificate"> & { coneLowerBound?: number }, what: string): void {
  if (!p.coneConverged) {
    console.error(`${what}: the cone program stopped short of its gap${p.coneLowerBound !== undefined ? ` (its certified lower bound is ${fmt(p.coneLowerBound)})` : ""}: the polished network is not certified the best of its cone; exit code 1`);
    process.exitCode = 1;
  }
  failWhenUndetermined(p.certificate, what);
}

export function registerConvex(program: Command): void {
  const opt = program
    .command("optimum")
    .description("the exact global minimum of L over all widths (the convex reformulation over every activation pattern), with a certified duality gap; exit code 1 when the gap is not reached (the result is still printed and written)");
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
        ? await coneOptimum(problem, readNetwork(f.coneOf, problem, "--cone-of"), o)
        : await globalOptimum(problem, o);
      if (tty) process.stderr.write("\r\x1b[K");
      emit(f, optimumJson(r, problem, f.coneOf), () => {
        const obj = r.settings.loss !== "squared" || r.settings.regularizer !== "l2" || r.settings.kappa !== 1 ? ` (${r.settings.loss} loss, ${r.settings.regularizer}${r.settings.kappa !== 1 ? `, κ=${r.settings.kappa}` : ""})` : "";
        console.log(`${f.coneOf ? "cone" : "global"} optimum on n=${problem.data.n}, d=${problem.data.d}, λ=${r.settings.lambda}${obj}: ${r.patterns} signed patterns`);
        console.log(`  value = ${fmt(r.value)}  lower bound = ${fmt(r.lowerBound)}  gap = ${r.gap.toExponential(2)} (relative ${r.relativeGap.toExponential(2)})`);
        console.log(`  ${r.neurons} neurons, ${r.iterations} Newton steps, ${r.seconds.toFixed(3)} s${r.converged ? "" : `  — ${r.message}`}`);
      });
      if (!r.converged) {
        // the lower bound printed is certified, but the optimum is not: say so, and exit 1
        console.error(`not converged: relative gap ${r.relativeGap.toExponential(2)} > ${solverSettings.resolve(readGroupFlags(solverSettings, f)).tol}; the value is a network's L and the lower bound is certified, but the optimum lies anywhere between`);
        process.exitCode = 1;
      }
    }));

  const cert = program
    .command("certify")
    .description("certify a network: its loss L, a certified lower bound on the global optimum, the gap, and a witnessed verdict (global | spurious-local-minimum | saddle | not-stationary | undetermined); exit code 1 when the verdict is undetermined (the result is still printed and written)");
  addProblemOptions(cert);
  cert.requiredOption("--network <file>", "the network: any JSON with W and a (a train result)");
  certifyFlags(solverFlags(cert))
    .option("--out <file>", "write JSON: verdict, reason, loss, lowerBound, gap, local, descent {W, a, step, loss}, network, …")
    .option("--json", "print the JSON on stdout instead of a summary")
    .option("--quiet", "print nothing but errors")
    .action(runAction(async (f: ConvexFlags) => {
      const problem = await loadProblem(f);
      const o = certifyOptions(f);
      const c = await withOptimumFile(f, () => certify(problem, readNetwork(f.network!, problem), o));
      emit(f, { ...certificateJson(c), lambda: problem.lambda, version: VERSION }, () => {
        for (const line of verdictLines(c, "")) console.log(line);
      });
      failWhenUndetermined(c, "certify");
    }));

  const pol = program
    .command("polish")
    .description("replace a network by the exact best network in its own activation cone (GD chatters at kinked minima; this lands on them), with its verdict; exit code 1 when the cone program does not reach its gap or the verdict is undetermined (the result is still printed and written)");
  addProblemOptions(pol);
  pol.requiredOption("--network <file>", "the network: any JSON with W and a (a train result)");
  certifyFlags(solverFlags(pol))
    .option("--out <file>", "write JSON: W, a, loss, lossBefore, verdict, certificate, …")
    .option("--json", "print the JSON on stdout instead of a summary")
    .option("--quiet", "print nothing but errors")
    .action(runAction(async (f: ConvexFlags) => {
      const problem = await loadProblem(f);
      const o = certifyOptions(f);
      const p = await withOptimumFile(f, () => polish(problem, readNetwork(f.network!, problem), o));
      const out = { ...p.network, loss: p.loss, lossBefore: p.lossBefore, verdict: p.verdict, coneLowerBound: p.coneLowerBound, coneConverged: p.coneConverged, patterns: p.patterns, certificate: certificateJson(p.certificate), seconds: p.seconds, lambda: problem.lambda, version: VERSION };
      emit(f, out, () => {
        console.log(`polished: L ${fmt(p.lossBefore)} → ${fmt(p.loss)} (${p.network.a.length} neurons, ${p.patterns} signed patterns in the cone)`);
        for (const line of verdictLines(p.certificate)) console.log(line);
      });
      failWhenPolishUnproven(p, "polish");
    }));
}
