import { Button, Group } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
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
  // A finger on a phone needs a target about 40 px high, apart from its neighbour (a mis-tap on
  // «Eliminar» costs a dialog); a laptop's table keeps its compact rows.
  const narrow = useMediaQuery("(max-width: 36em)");
  const size = narrow ? "sm" : "compact-xs";
  return (
    <Group gap={narrow ? "md" : 4}>
      <Button
        size={size}
        variant={narrow ? "light" : "subtle"}
        onClick={onEdit}
        aria-label={`${t("work.correct")}: ${label}`}
      >
        {t("work.correct")}
      </Button>
      <Button
        size={size}
        variant={narrow ? "light" : "subtle"}
        color="red"
        onClick={onRemove}
        aria-label={`${t("work.remove")}: ${label}`}
      >
        {t("work.remove")}
      </Button>
    </Group>
  );
}
