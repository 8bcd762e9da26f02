// The run kinds of the package, registered on import (the sweep worker and the CLI import this file).
// Experiment commands: add one `import "../experiments/your-kind.js";` line here.
import "./train-kind.js";
import "../experiments/phase-kind.js";
import "../experiments/cones-kind.js";
import "../experiments/init-scale-kind.js";
import "../experiments/orthogonal-kind.js";
import "../experiments/gaps-kind.js";
