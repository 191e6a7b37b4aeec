// Everything the CLI prints besides the report goes through here. Messages quote the scanned
// repository (configuration values, unknown keys, file names, fixed source lines), so they are
// escaped for the terminal the way the report body is (report/util.ts): an escape sequence from the
// repository is shown as `\x1b...`, never sent to the terminal (window title, OSC 52 clipboard,
// screen clearing).
import { oneLine, terminalSafe } from '../report/util.js';

/** `pyward: warning: ...` on stderr, on one line. */
export function printWarning(message: string): void {
  process.stderr.write(`pyward: warning: ${oneLine(message)}\n`);
}

/** `pyward: ...` on stderr, on one line (status notes). */
export function printNote(message: string): void {
  process.stderr.write(`pyward: ${oneLine(message)}\n`);
}

/** `pyward: ...` on stderr; line breaks kept (error messages, stack traces). */
export function printError(message: string): void {
  process.stderr.write(`pyward: ${terminalSafe(message)}\n`);
}

/**
 * A unified diff made safe for the terminal: C0/C1 control characters other than tab and newline,
 * and bidirectional overrides, become visible escapes; everything else is unchanged.
 */
export function terminalSafeDiff(diff: string): string {
  return terminalSafe(diff);
}

/** Untrusted text written to stdout or stderr by the CLI outside the report (keeps line breaks). */
export { terminalSafe };
