import { Button, Group } from "@mantine/core";
import { useT } from "../../i18n";

/** «Corregir» and «Eliminar» on a row of recorded work; `label` names the row for screen readers. */
export function WorkRowButtons({
  label,
  onEdit,
  onRemove,
}: {
  label: string;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const t = useT();
  return (
    <Group gap={4}>
      <Button
        size="compact-xs"
        variant="subtle"
        onClick={onEdit}
        aria-label={`${t("work.correct")}: ${label}`}
      >
        {t("work.correct")}
      </Button>
      <Button
        size="compact-xs"
        variant="subtle"
        color="red"
        onClick={onRemove}
        aria-label={`${t("work.remove")}: ${label}`}
      >
        {t("work.remove")}
      </Button>
    </Group>
  );
}
