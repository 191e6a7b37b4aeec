/** The process exit code a command sets (main.ts exits with it once the command is done). */
export interface ExitState {
  code: number;
}
