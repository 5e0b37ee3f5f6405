import { Anchor, Text } from "@mantine/core";
import { useT } from "../i18n";
import type { Draft } from "../lib/drafts";

/** A discreet line over a form filled from a saved draft: "Borrador recuperado · Descartar". */
export function DraftNotice({ draft }: { draft: Pick<Draft<unknown>, "restored" | "discard"> }) {
  const t = useT();
  if (!draft.restored) return null;
  return (
    <Text size="xs" c="dimmed" role="status" data-testid="draft-notice">
      {t("draft.restored")} ·{" "}
      <Anchor
        component="button"
        type="button"
        size="xs"
        onClick={draft.discard}
        aria-label={t("draft.discardLong")}
        data-testid="draft-discard"
      >
        {t("draft.discard")}
      </Anchor>
    </Text>
  );
}
