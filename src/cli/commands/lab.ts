// `relu-landscape lab`: serves the browser lab (built ahead of time into dist/lab) on this machine.
import type { Command } from "commander";
import { InputError } from "../../api/errors.js";
import { findLabDir, serveLab } from "../lab-server.js";
import { runAction } from "../run-action.js";

export function registerLab(program: Command): void {
  program
    .command("lab")
    .description("serve the in-browser lab (train live, watch the hyperplanes, run experiment grids) on a local port")
    .option("--port <n>", "port to listen on (0: any free port)", "8737")
    .option("--host <addr>", "address to bind (127.0.0.1: this machine only)", "127.0.0.1")
    .option("--dir <path>", "serve this built lab directory instead of the packaged one")
    .action(
      runAction(async (flags: { port: string; host: string; dir?: string }) => {
        const port = Number(flags.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError("--port", `is ${flags.port}: give a port number from 0 to 65535`);
        const dir = flags.dir ?? findLabDir();
        if (!dir) throw new InputError("lab", "is not built: run `npm run build` (it writes dist/lab)");
        let lab;
        try {
          lab = await serveLab(dir, port, flags.host);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === "EADDRINUSE") throw new InputError("--port", `${port} is in use: choose another (--port 0 picks a free one)`);
          if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") throw new InputError("--host", `${flags.host} is not an address of this machine`);
          throw e;
        }
        console.log(`relu-landscape lab: ${lab.url}  (serving ${dir}; Ctrl+C to stop)`);
      }),
    );
}
