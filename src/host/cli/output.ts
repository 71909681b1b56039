/** Terminal output of the CLI: plain lines on stdout and stderr, never through the JSON logger. */

/** Write lines to stdout. */
export function out(...lines: string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Write lines to stderr. */
export function err(...lines: string[]): void {
  process.stderr.write(`${lines.join('\n')}\n`);
}
