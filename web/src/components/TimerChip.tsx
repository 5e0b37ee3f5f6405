import { Badge } from "@mantine/core";
import { Link } from "react-router-dom";
import { useMyTimer } from "../api/timers";
import { useT } from "../i18n";
import { formatClock, useElapsed } from "../pages/ticket/useTimer";

/** The running work timer in the header of every screen (and every device of the same person). */
export function TimerChip({ enabled }: { enabled: boolean }) {
  const t = useT();
  const timer = useMyTimer(enabled).data?.timer;
  const seconds = useElapsed(timer?.startedAt);
  if (!timer) return null;
  return (
    <Badge
      component={Link}
      to={`/tickets/${timer.ticketId}`}
      color="red"
      variant="light"
      size="lg"
      className="mesa-folio"
      data-testid="timer-chip"
      title={`${timer.folio} · ${timer.title}`}
      aria-label={`${t("timer.chip", { folio: timer.folio })} · ${formatClock(seconds)}`}
    >
      <span className="mesa-hide-xs">{t("timer.chip", { folio: timer.folio })} · </span>
      {formatClock(seconds)}
    </Badge>
  );
}
