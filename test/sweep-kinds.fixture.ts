// Run kinds for the sweep tests, loaded as a kind module (in the test and in every worker).
import { registerRunKind } from "../src/sweep/run-kinds.js";
import { Rng } from "../src/core/rng.js";
import { getCore } from "../src/core/loader.js";

// fails for x = 2, else returns numbers drawn from the run's seed (so results show which seed ran)
registerRunKind("test-draw", async (config, { seed }) => {
  if (config.x === 2) throw new Error("x = 2 is refused on purpose");
  const rng = new Rng(await getCore(), seed);
  try {
    const [u] = rng.uniform(1);
    return { u, x2: (config.x as number) * 2, seed };
  } finally {
    rng.dispose();
  }
});

// busy for `ms` milliseconds (a slow run, to kill a sweep mid-way)
registerRunKind("test-sleep", async (config, { seed }) => {
  const until = Date.now() + ((config.ms as number) ?? 50);
  while (Date.now() < until) {
    /* spin: a run that takes time */
  }
  return { seed, k: config.k };
});

// does nothing (the bench measures the pool's own cost per run with it)
registerRunKind("test-noop", async (config) => ({ k: config.k }));

// kills its worker thread for x = 3 (a crash, not an exception)
registerRunKind("test-crash", async (config) => {
  if (config.x === 3) process.exit(7);
  return { x: config.x };
});

// fails while the file config.path is missing (a failure that a retry can fix)
registerRunKind("test-needs-file", async (config) => {
  const { existsSync } = await import("node:fs");
  if (!existsSync(config.path as string)) throw new Error(`${config.path as string} is missing`);
  return { k: config.k };
});
