/** Where a command writes. Injected so tests can run commands in-process. */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  writeFile(path: string, text: string): void;
}
