// POSIX shell text shared by the Slurm scripts and the Kubernetes containers: quoting, the launcher
// (the shell text that runs this package's CLI) and the version check every task runs first.

/** Quotes a word for a POSIX shell (bare when it is plainly safe). */
export function shQuote(word: string): string {
  if (word !== "" && /^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A command line of quoted words. */
export function shJoin(words: string[]): string {
  return words.map(shQuote).join(" ");
}

/** `prefix` followed by the value of a shell variable, as one word: "out/task-$task". */
export function shWithVar(prefix: string, variable: string): string {
  if (/^[^"$`\\!]*$/.test(prefix)) return `"${prefix}$${variable}"`;
  return `${shQuote(prefix)}"$${variable}"`;
}

/**
 * Lines defining `rl` (this package's CLI, through the launcher) and failing unless it runs exactly
 * `version`: every task of a job runs the same code.
 */
export function launcherLines(launcher: string, version: string): string[] {
  return [
    "rl() {",
    `  ${launcher} "$@"`,
    "}",
    `version=$(rl --version) || { echo "error: the launcher cannot run relu-landscape (see above): install relu-landscape ${version} or fix --launcher" >&2; exit 1; }`,
    `if [ "$version" != ${shQuote(version)} ]; then`,
    `  echo "error: this job needs relu-landscape ${version}; the launcher runs $version: install ${version} or fix --launcher" >&2`,
    "  exit 1",
    "fi",
  ];
}
