// Training speed in the browser lab vs Node: the same problems, the same Trainer code, timed the same
// way (src/web/bench-rate.ts) — in a Web Worker of headless Chromium and in this Node process.
// Alternates the two and keeps the best of three each (the machine is shared; noise only slows).
//   npx tsx bench/lab.ts
import { trainingRate } from "../src/web/bench-rate.js";
import { parseSettings } from "../src/web/settings.js";
import { openLab, waitReady } from "../test/lab-browser.js";

const PROBLEMS = [
  { name: "teacher n=20 d=5 m=1000", query: "ds=teacher&n=20&d=5&m=1000&alpha=0.1&lr=0.0001&lambda=0.01" },
  { name: "small-init n=d=4 m=100", query: "ds=smallinit&n=4&m=100&alpha=0.01&init=balanced&lr=0.01&lambda=0.00001" },
];

export async function benchLab(minMs = 1500): Promise<void> {
  const s = await openLab();
  try {
    const page = await s.context.newPage();
    await page.goto(s.lab.url);
    await waitReady(page);
    for (const p of PROBLEMS) {
      const settings = parseSettings(p.query);
      let node = 0, browser = 0;
      for (let round = 0; round < 3; round++) {
        node = Math.max(node, await trainingRate(settings, minMs));
        browser = Math.max(
          browser,
          await page.evaluate(
            ({ settings, minMs }) =>
              new Promise<number>((ok, fail) => {
                const w = new Worker("worker.js");
                w.onmessage = (e) => {
                  if (e.data.type === "benchDone") ok(e.data.stepsPerSecond);
                  else if (e.data.type === "error") fail(new Error(e.data.message));
                  w.terminate();
                };
                w.postMessage({ type: "bench", settings, minMs });
              }),
            { settings, minMs },
          ),
        );
      }
      const ratio = browser / node;
      console.log(`${p.name}: Chromium ${Math.round(browser).toLocaleString("en")} steps/s, Node ${Math.round(node).toLocaleString("en")} steps/s, Chromium/Node = ${ratio.toFixed(2)} (target ≥ 0.80: ${ratio >= 0.8 ? "met" : "NOT met"})`);
    }
    // the page's frame rate while the lab trains at full speed
    await page.goto(`${s.lab.url}?ds=moons&n=100&m=100&lr=0.05&epochs=1000000000`);
    await waitReady(page);
    await page.keyboard.press("Space");
    await page.waitForTimeout(3000);
    const v = await page.evaluate(() => {
      const t = (globalThis as unknown as { __lab: { train: { fps: number; drawMs: number; tick: { rate: number } } } }).__lab.train;
      return { fps: t.fps, drawMs: t.drawMs, rate: t.tick.rate };
    });
    console.log(`live Train panel (moons n=100, m=100, training): ${v.fps.toFixed(0)} frames/s, ${v.drawMs.toFixed(1)} ms per redraw, ${Math.round(v.rate).toLocaleString("en")} epochs/s in the worker`);
  } finally {
    await s.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchLab();
