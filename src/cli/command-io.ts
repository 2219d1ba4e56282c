/** Where a command writes. Injected so tests can run commands in-process. */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  writeFile(path: string, text: string): void;
  /** Rewrites the progress line (stderr), where the terminal shows one. */
  progress?(text: string): void;
  /** True when stderr is a terminal. */
  isTTY?: boolean;
}
