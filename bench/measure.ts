/** Median wall time of `runs` calls, after one warm-up call, in milliseconds. */
export function medianMs(fn: () => void, runs = 5): number {
  return interleavedMedianMs([fn], runs)[0]!;
}

/**
 * Median wall times of several functions, each warmed up once, then called in turn `runs` times:
 * interleaving gives each the same heap and JIT state, so comparing them is fair.
 */
export function interleavedMedianMs(fns: readonly (() => void)[], runs = 5): number[] {
  fns.forEach((fn) => fn());
  const times = fns.map((): number[] => []);
  for (let i = 0; i < runs; i++)
    fns.forEach((fn, f) => {
      globalThis.gc?.();
      const start = process.hrtime.bigint();
      fn();
      times[f]!.push(Number(process.hrtime.bigint() - start) / 1e6);
    });
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!);
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
