import { useUsers } from "../api/admin";
import { useT } from "../i18n";

/** The technicians (and seniors) a list of tickets can be narrowed to; inactive ones say so. */
export function useAssigneeOptions() {
  const t = useT();
  const users = useUsers();
  return (users.data?.items ?? [])
    .filter((u) => u.roles.some((r) => r === "technician" || r === "senior"))
    .map((u) => ({ value: u.id, label: u.active ? u.name : t("queue.inactive", { name: u.name }) }));
}
