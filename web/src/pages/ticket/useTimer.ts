import { useEffect, useState } from "react";
import { useMyTimer, useStartTimer, useStopTimer } from "../../api/timers";
import type { Timer } from "../../contract";

/** Seconds since an instant, ticking every second while `startedAt` is set. */
export function useElapsed(startedAt: string | null | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!startedAt) return;
    setNow(Date.now());
    const handle = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(handle);
  }, [startedAt]);
  return startedAt ? Math.max(0, Math.floor((now - Date.parse(startedAt)) / 1000)) : 0;
}

/**
 * The work timer of this ticket, kept on the server (one per person): started on the laptop, it runs
 * on the phone too. `other` is the timer running on another ticket, if any.
 */
export function useTimer(ticketId: string) {
  const mine = useMyTimer();
  const startM = useStartTimer(ticketId);
  const stopM = useStopTimer(ticketId);
  const timer: Timer | null = mine.data?.timer ?? null;
  const running = timer?.ticketId === ticketId;
  const elapsedSeconds = useElapsed(running ? timer.startedAt : null);
  const start = () => startM.mutate();
  /** Stops the timer; resolves with the interval worked (to prefill the entry). */
  const stop = async () => {
    const r = await stopM.mutateAsync();
    return { startedAt: r.startedAt, endedAt: r.endedAt };
  };
  return {
    running,
    other: running ? null : timer,
    elapsedSeconds,
    start,
    stop,
    busy: startM.isPending || stopM.isPending,
    error: startM.error ?? stopM.error,
  };
}

export function formatClock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${h}:${pad(m)}:${pad(s)}`;
}
