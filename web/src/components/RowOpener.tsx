import { Anchor } from "@mantine/core";
import type { ReactNode } from "react";

/**
 * The name in a table row whose click opens the record: a real button, so the keyboard reaches it
 * (Tab, then Enter or Space) and a screen reader announces it; the row's own click stays for the mouse.
 */
export function RowOpener({ onOpen, children }: { onOpen: () => void; children: ReactNode }) {
  return (
    <Anchor
      component="button"
      type="button"
      fz="inherit"
      lh="inherit"
      fw={500}
      c="inherit"
      ta="left"
      onClick={(event) => {
        event.stopPropagation();
        onOpen();
      }}
    >
      {children}
    </Anchor>
  );
}
