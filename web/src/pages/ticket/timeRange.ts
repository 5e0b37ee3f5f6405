import type { Translate } from "../../i18n";
import type { FieldErrors } from "../../lib/form";
import { zonedIso } from "../../lib/format";

export interface RangeValues {
  date: string;
  start: string;
  end: string;
}

/** Start and end typed as business-zone wall-clock times → ISO instants with offset, or field errors. */
export function rangeToInstants(
  t: Translate,
  range: RangeValues,
): { startedAt: string; endedAt: string } | { errors: FieldErrors } {
  const bad = t("time.badDateTime");
  if (!zonedIso(range.date, "00:00")) return { errors: { date: bad } };
  const startedAt = zonedIso(range.date, range.start);
  const endedAt = zonedIso(range.date, range.end);
  if (!startedAt || !endedAt) {
    return { errors: { ...(startedAt ? {} : { startedAt: bad }), ...(endedAt ? {} : { endedAt: bad }) } };
  }
  if (Date.parse(endedAt) <= Date.parse(startedAt)) return { errors: { endedAt: t("time.badRange") } };
  return { startedAt, endedAt };
}
