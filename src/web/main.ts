// The lab page: the settings store (mirrored in the URL), the two panels, tabs, keyboard shortcuts,
// and `window.__lab` for tests and for anyone who wants the exact numbers.
import { ExperimentsPanel } from "./experiments-panel.js";
import { Store } from "./store.js";
import { TrainPanel, byId } from "./train-panel.js";

const store = new Store(location.search);
const workerUrl = new URL("worker.js", document.baseURI).href;
// the lab's copy of the package's sweep worker entry (src/sweep-worker.ts), a module worker
const sweepWorkerUrl = new URL("sweep-worker.js", document.baseURI).href;
const train = new TrainPanel(store, workerUrl);
const experiments = new ExperimentsPanel(store, workerUrl, sweepWorkerUrl);

function showTab(): void {
  const tab = store.get().tab;
  for (const name of ["train", "experiments"] as const) {
    byId(`panel-${name}`).hidden = name !== tab;
    byId(`tab-${name}`).setAttribute("aria-selected", String(name === tab));
  }
  train.invalidate();
  experiments.invalidate();
}
for (const b of document.querySelectorAll<HTMLButtonElement>(".tabs button")) {
  b.addEventListener("click", () => store.set({ tab: b.dataset.tab as "train" | "experiments" }));
}
store.subscribe((_, changed) => changed.has("tab") && showTab());
showTab();

byId("copy-link").addEventListener("click", async () => {
  const btn = byId("copy-link");
  try {
    await navigator.clipboard.writeText(store.url());
    btn.textContent = "Link copied";
  } catch {
    btn.textContent = "Copy from the address bar";
  }
  setTimeout(() => (btn.textContent = "Copy link"), 1500);
});

// buttons give the focus back, so that space always means start/pause and never "press again"
document.addEventListener("click", (e) => {
  const b = (e.target as HTMLElement).closest("button");
  if (b) b.blur();
});

document.addEventListener("keydown", (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || store.get().tab !== "train") return;
  const target = e.target as HTMLElement;
  const typing = target.tagName === "SELECT" || target.tagName === "TEXTAREA" || (target.tagName === "INPUT" && (target as HTMLInputElement).type !== "range");
  if (typing || (target.tagName === "BUTTON" && e.key === " ")) return;
  if (e.key === " ") train.toggle();
  else if (e.key === "s") train.step();
  else if (e.key === "r") train.reset();
  else return;
  e.preventDefault();
});

Object.assign(globalThis, { __lab: { store, train: train.view, experiments: experiments.view } });
