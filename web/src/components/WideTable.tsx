import { Box, type BoxProps, Table, Text } from "@mantine/core";
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { useT } from "../i18n";

/** Which sides of a table that scrolls sideways have columns out of sight. */
interface OutOfSight {
  before: boolean;
  after: boolean;
}

const NONE: OutOfSight = { before: false, after: false };

/** The sides of a scrolled box with content past them (a pixel of rounding is not content). */
function outOfSight(box: { scrollLeft: number; scrollWidth: number; clientWidth: number }): OutOfSight {
  const rest = box.scrollWidth - box.clientWidth - box.scrollLeft;
  return { before: box.scrollLeft > 1, after: rest > 1 };
}

/**
 * A table that scrolls sideways when the screen is narrower than `minWidth`. On a phone a scroll
 * area's bar shows only while touched, so nothing told that columns were out of sight: here the bar
 * stays, the hidden side is shaded, and a line above says the table slides.
 */
export function WideTable({
  minWidth,
  children,
  ...box
}: { minWidth: number; children: ReactNode } & BoxProps) {
  const t = useT();
  const viewport = useRef<HTMLDivElement>(null);
  const [hidden, setHidden] = useState<OutOfSight>(NONE);
  const measure = useCallback(() => {
    const v = viewport.current;
    if (!v) return;
    const next = outOfSight(v);
    setHidden((was) => (was.before === next.before && was.after === next.after ? was : next));
  }, []);
  useEffect(() => {
    const v = viewport.current;
    if (!v) return;
    measure();
    // The viewport narrows with the window; its content widens when rows arrive.
    const observer = new ResizeObserver(measure);
    observer.observe(v);
    if (v.firstElementChild) observer.observe(v.firstElementChild);
    return () => observer.disconnect();
  }, [measure]);
  const sliding = hidden.before || hidden.after;
  return (
    <Box {...box}>
      {sliding && (
        <Text size="xs" c="dimmed" ta="right" data-testid="table-slides">
          {t(hidden.after ? "common.tableSlides" : "common.tableSlidesBack")}
        </Text>
      )}
      <Box pos="relative">
        <Table.ScrollContainer
          minWidth={minWidth}
          scrollAreaProps={{ viewportRef: viewport, onScrollPositionChange: measure, type: "auto" }}
        >
          {children}
        </Table.ScrollContainer>
        {hidden.before && <span className="mesa-shade mesa-shade-before" aria-hidden="true" />}
        {hidden.after && <span className="mesa-shade mesa-shade-after" aria-hidden="true" />}
      </Box>
    </Box>
  );
}
