// The loop every clock-driven job shares: run the tick, wait `intervalMs` after it ends (never
// two ticks at once in this process), and on stop wait for the running tick. The web process and
// each `npm run worker` run the same loops; the database keeps them from doing anything twice.

export type Periodic = { stop(): Promise<void> };

export function startPeriodic(
  name: string,
  tick: (now: Date) => Promise<unknown>,
  options: { intervalMs: number; now?: () => Date; onError?: (error: unknown) => void },
): Periodic {
  const clock = options.now ?? (() => new Date());
  const onError =
    options.onError ?? ((error: unknown) => console.error(`${name} failed:`, error instanceof Error ? error.message : error));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const loop = () => {
    running = tick(clock())
      .then(() => undefined, onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, options.intervalMs);
      });
  };
  loop();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
