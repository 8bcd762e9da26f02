// `relu-landscape lab`: serves the browser lab (built ahead of time into dist/lab) on this machine.
import type { Command } from "commander";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../api/errors.js";
import { findLabDir, isLoopback, serveLab } from "../lab-server.js";
import { runAction } from "../run-action.js";

export function registerLab(program: Command): void {
  program
    .command("lab")
    .description("serve the in-browser lab (train live, watch the hyperplanes, run experiment grids) on a local port")
    .option("--port <n>", "port to listen on (0: any free port)", "8737")
    .option("--host <addr>", "address to bind (127.0.0.1: this machine only; the lab has no authentication)", "127.0.0.1")
    .option("--allow-host <names...>", "also answer requests addressed to these host names (a DNS name of this machine, a proxy's name)")
    .option("--dir <path>", "serve this built lab directory instead of the packaged one")
    .action(
      runAction(async (flags: { port: string; host: string; dir?: string; allowHost?: string[] }) => {
        const port = Number(flags.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError("--port", `is ${flags.port}: give a port number from 0 to 65535`);
        if (flags.dir !== undefined) {
          if (!existsSync(flags.dir) || !statSync(flags.dir).isDirectory()) throw new InputError("--dir", `${flags.dir} is not a directory: give a built lab directory (npm run build writes dist/lab)`);
          if (!existsSync(join(flags.dir, "index.html"))) throw new InputError("--dir", `${flags.dir} has no index.html: give a built lab directory (npm run build writes dist/lab; node scripts/build-lab.mjs DIR builds one)`);
        }
        const dir = flags.dir ?? findLabDir();
        if (!dir) throw new InputError("lab", "is not built: run `npm run build` (it writes dist/lab)");
        let lab;
        try {
          lab = await serveLab(dir, port, flags.host, { allowHosts: flags.allowHost });
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === "EADDRINUSE") throw new InputError("--port", `${port} is in use: choose another (--port 0 picks a free one)`);
          if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND" || code === "EAI_AGAIN") throw new InputError("--host", `${flags.host} is not an address of this machine`);
          if (code === "EACCES") throw new InputError("--port", `${port} needs privileges to bind: choose a port above 1023`);
          throw e;
        }
        if (!isLoopback(flags.host)) {
          console.error(
            `warning: the lab has no authentication, and --host ${flags.host} makes it reachable from other machines: ` +
              `anyone who can connect to port ${new URL(lab.url).port} can use it (bind 127.0.0.1 and use an SSH tunnel to reach it from elsewhere)`,
          );
        }
        console.log(`relu-landscape lab: ${lab.url}  (serving ${dir}; Ctrl+C to stop)`);
      }),
    );
}
