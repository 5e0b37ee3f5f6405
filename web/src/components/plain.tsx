/**
 * Mantine's look without Mantine's components, for what a list repeats on every row: the same
 * elements, classes (each component's own `.classes`), data attributes and CSS variables that
 * Mantine's Table cells, Text, Stack, Group, Badge and Button render, built by one plain function.
 * Why: a ticket row of Mantine components is some twenty of them (each resolving theme props and
 * styles through Box), about 8 ms of the renderer per row on a cold load: 400 ms for the queue's 50
 * rows, more than React itself costs to show them. plain.test.ts renders each of these next to the
 * Mantine component it stands for and requires the same markup, so a Mantine upgrade that changes
 * theirs fails a test instead of changing the look.
 */
import {
  Anchor,
  Badge,
  Button,
  Group,
  type MantineTheme,
  rem,
  Stack,
  Table,
  Text,
  UnstyledButton,
  useMantineTheme,
} from "@mantine/core";
import type { CSSProperties, MouseEventHandler, ReactNode } from "react";
import { Link } from "react-router-dom";

type Vars = CSSProperties & Record<`--${string}`, string | number | undefined>;

/** A Mantine color variant's variables (background, text, border, hover) by the theme's own resolver. */
function variantColors(theme: MantineTheme, color: string | undefined, variant: string) {
  return theme.variantColorResolver({ color: color || theme.primaryColor, theme, variant });
}

/** `Table.Tr` of a striped table highlighted on hover, with row borders (TicketTable's table). */
export function PlainTr({ children, ...data }: { children?: ReactNode } & Record<`data-${string}`, string>) {
  return (
    <tr
      className={`${Table.classes.tr} mantine-Table-tr`}
      data-with-row-border="true"
      data-striped="odd"
      data-hover="true"
      {...data}
    >
      {children}
    </tr>
  );
}

export function PlainTd({ className, children }: { className?: string; children?: ReactNode }) {
  const own = className ? ` ${className}` : "";
  return <td className={`${Table.classes.td} mantine-Table-td${own}`}>{children}</td>;
}

const TEXT_CLASS = `mantine-focus-auto ${Text.classes.root} mantine-Text-root`;

/** `<Text size lineClamp={1}? fw? c="dimmed"?>` */
export function PlainText(props: {
  size: "xs" | "sm";
  clamp?: boolean;
  fw?: number;
  dimmed?: boolean;
  children?: ReactNode;
}) {
  const { size, clamp, fw, dimmed, children } = props;
  const style: Vars = {
    "--text-fz": `var(--mantine-font-size-${size})`,
    "--text-lh": `var(--mantine-line-height-${size})`,
    ...(clamp ? { "--text-line-clamp": 1 } : {}),
    ...(fw ? { fontWeight: fw } : {}),
    ...(dimmed ? { color: "var(--mantine-color-dimmed)" } : {}),
  };
  return (
    <p className={TEXT_CLASS} data-size={size} data-line-clamp={clamp ? "true" : undefined} style={style}>
      {children}
    </p>
  );
}

/** `<Anchor component={Link} to fw className>`: a router link with Anchor's look. */
export function PlainLink(props: { to: string; className: string; fw: number; children?: ReactNode }) {
  const { to, className, fw, children } = props;
  return (
    <Link
      className={`mantine-focus-auto ${Anchor.classes.root} ${className} ${Text.classes.root} mantine-Text-root mantine-Anchor-root`}
      data-underline="hover"
      to={to}
      style={{ fontWeight: fw }}
    >
      {children}
    </Link>
  );
}

/** `<Stack gap={px}>` */
export function PlainStack({ gap, children }: { gap: number; children?: ReactNode }) {
  const style: Vars = {
    "--stack-gap": rem(gap),
    "--stack-align": "stretch",
    "--stack-justify": "flex-start",
  };
  return (
    <div className={`${Stack.classes.root} mantine-Stack-root`} style={style}>
      {children}
    </div>
  );
}

/** `<Group gap={px} wrap="nowrap">` */
export function PlainGroup({ gap, children }: { gap: number; children?: ReactNode }) {
  const style: Vars = {
    "--group-gap": rem(gap),
    "--group-align": "center",
    "--group-justify": "flex-start",
    "--group-wrap": "nowrap",
  };
  return (
    <div className={`${Group.classes.root} mantine-Group-root`} style={style}>
      {children}
    </div>
  );
}

/** `<Badge color variant>` with data attributes and a title. */
export function PlainBadge({
  color,
  variant,
  title,
  children,
  ...data
}: {
  color: string;
  variant: "filled" | "light";
  title?: string;
  children?: ReactNode;
} & Record<`data-${string}`, string>) {
  const colors = variantColors(useMantineTheme(), color, variant);
  const style: Vars = {
    "--badge-bg": colors.background,
    "--badge-color": colors.color,
    "--badge-bd": colors.border,
  };
  return (
    <div
      className={`${Badge.classes.root} mantine-Badge-root`}
      data-variant={variant}
      {...data}
      title={title}
      style={style}
    >
      <span className={`${Badge.classes.label} mantine-Badge-label`}>{children}</span>
    </div>
  );
}

/** `<Button size="xs" variant onClick>` in the theme's primary color. */
export function PlainButton(props: {
  variant: "filled" | "default";
  onClick: MouseEventHandler<HTMLButtonElement>;
  children?: ReactNode;
}) {
  const { variant, onClick, children } = props;
  const colors = variantColors(useMantineTheme(), undefined, variant);
  const style: Vars = {
    "--button-height": "var(--button-height-xs)",
    "--button-padding-x": "var(--button-padding-x-xs)",
    "--button-fz": "var(--mantine-font-size-xs)",
    "--button-bg": colors.background,
    "--button-hover": colors.hover,
    "--button-color": colors.color,
    "--button-bd": colors.border,
    "--button-hover-color": colors.hoverColor,
  };
  return (
    <button
      className={`mantine-focus-auto mantine-active ${Button.classes.root} mantine-Button-root ${UnstyledButton.classes.root} mantine-UnstyledButton-root`}
      data-variant={variant}
      data-size="xs"
      type="button"
      onClick={onClick}
      style={style}
    >
      <span className={`${Button.classes.inner} mantine-Button-inner`}>
        <span className={`${Button.classes.label} mantine-Button-label`}>{children}</span>
      </span>
    </button>
  );
}
