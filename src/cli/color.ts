// Whether terminal output is coloured: `--no-color` and NO_COLOR (https://no-color.org) turn it
// off, FORCE_COLOR (any value but "0" or "false") turns it on for a pipe or CI log, and otherwise it
// follows whether the stream is a terminal. Text output written to a file (-o) is never coloured.
export function useColor(opts: { color?: boolean; output?: string; format?: string }, stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if ((opts.format ?? 'text') !== 'text' || opts.output || opts.color === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return stream.isTTY === true;
}
