import { useEffect, useState } from "react";

const key = (ticketId: string) => `mesa.timer.${ticketId}`;

/** A work timer per ticket that survives reloads (kept in localStorage). */
export function useTimer(ticketId: string) {
  const [startedAt, setStartedAt] = useState<string | null>(() => localStorage.getItem(key(ticketId)));
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!startedAt) return;
    const handle = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(handle);
  }, [startedAt]);

  const start = () => {
    const at = new Date().toISOString();
    localStorage.setItem(key(ticketId), at);
    setStartedAt(at);
    setNow(Date.now());
  };
  /** Stops the timer and returns the interval worked. */
  const stop = (): { startedAt: string; endedAt: string } | null => {
    if (!startedAt) return null;
    localStorage.removeItem(key(ticketId));
    setStartedAt(null);
    return { startedAt, endedAt: new Date().toISOString() };
  };
  const elapsedSeconds = startedAt ? Math.max(0, Math.floor((now - Date.parse(startedAt)) / 1000)) : 0;
  return { running: !!startedAt, elapsedSeconds, start, stop };
}

export function formatClock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${h}:${pad(m)}:${pad(s)}`;
}
