/**
 * Bounds argon2 work in this process: at most `perIp` verifications in flight per address (more are
 * refused at once) and `total` running overall (the rest wait their turn, up to `queue` of them).
 * argon2 runs on libuv's small thread pool; without a bound a burst of logins starves every other
 * request that needs it, and the CPU.
 */
export class VerifyGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly total: number,
    private readonly perIp: number,
    private readonly queue = 100,
  ) {}

  /** Takes an in-flight place for the address; false when it has too many or the queue is full. */
  enter(ip: string): boolean {
    const mine = this.inFlight.get(ip) ?? 0;
    if (mine >= this.perIp || this.waiting.length >= this.queue) return false;
    this.inFlight.set(ip, mine + 1);
    return true;
  }

  leave(ip: string): void {
    const mine = (this.inFlight.get(ip) ?? 1) - 1;
    if (mine <= 0) this.inFlight.delete(ip);
    else this.inFlight.set(ip, mine);
  }

  /** Runs the work when one of the `total` slots is free. */
  run<T>(work: () => Promise<T>): Promise<T> {
    return this.runQueued(work, false);
  }

  /** Like run(), but ahead of everyone waiting (a trusted device's login during a flood). */
  runFirst<T>(work: () => Promise<T>): Promise<T> {
    return this.runQueued(work, true);
  }

  private async runQueued<T>(work: () => Promise<T>, first: boolean): Promise<T> {
    if (this.running >= this.total) {
      await new Promise<void>((resolve) =>
        first ? this.waiting.unshift(resolve) : this.waiting.push(resolve),
      );
    } else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `running` stays the same.
      if (next) next();
      else this.running--;
    }
  }
}
