// Mantine's stylesheets the signed-in shell adds to the login screen's (start.tsx); each screen adds its
// own (dependencies first; checked by test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/ScrollArea.layer.css";
import "@mantine/core/styles/VisuallyHidden.layer.css";
import "@mantine/core/styles/Overlay.layer.css";
import "@mantine/core/styles/Popover.layer.css";
import "@mantine/core/styles/Group.layer.css";
import "@mantine/core/styles/AppShell.layer.css";
import "@mantine/core/styles/Avatar.layer.css";
import "@mantine/core/styles/Badge.layer.css";
import "@mantine/core/styles/Burger.layer.css";
import "@mantine/core/styles/Indicator.layer.css";
import "@mantine/core/styles/Menu.layer.css";
import "@mantine/core/styles/NavLink.layer.css";
// Several screens' (the ticket's progress ring, the charts): as a stylesheet of lazily loaded screens
// alone, Vite would link it after the screen's own, which depend on it (e2e/css-order.test.ts).
import "@mantine/core/styles/Tooltip.layer.css";
import { AppShell, Burger, Group, NavLink, ScrollArea, Text, TextInput, Title } from "@mantine/core";
import { useDisclosure, useLocalStorage } from "@mantine/hooks";
import { notificationsStore } from "@mantine/notifications";
import { type FormEvent, lazy, type ReactNode, Suspense, useEffect, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router-dom";
import type { Me } from "../contract";
import { useT } from "../i18n";
import { hasRole, navFor } from "../lib/roles";
import { MAX_SEARCH_CHARS, searchLimit } from "../lib/searchLimit";
import { NotificationBell } from "./NotificationBell";
import { TimerChip } from "./TimerChip";
import { UserMenu } from "./UserMenu";

const Toasts = lazy(() => import("./Toasts"));

const toastsPending = () => notificationsStore.getState().notifications.length > 0;

/** True from the first toast on: the toast container loads then, not with the first screen. */
function useToastsWanted(): boolean {
  const [wanted, setWanted] = useState(toastsPending);
  useEffect(() => {
    if (wanted) return;
    if (toastsPending()) setWanted(true);
    return notificationsStore.subscribe((state) => {
      if (state.notifications.length > 0) setWanted(true);
    });
  }, [wanted]);
  return wanted;
}

function SearchBox({ onDone }: { onDone?: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const [q, setQ] = useState("");
  // More words or characters than the API searches are said here, before anything is sent.
  const limit = searchLimit(q.trim());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (limit) return;
    navigate(`/search?q=${encodeURIComponent(q.trim())}`);
    onDone?.();
  };
  return (
    <form onSubmit={submit}>
      <TextInput
        aria-label={t("search.label")}
        placeholder={t("search.placeholder")}
        value={q}
        maxLength={MAX_SEARCH_CHARS}
        error={limit && t(limit.key, { max: limit.max })}
        // Said below the box over the page, so the header keeps its height and the box its place.
        styles={{
          root: { position: "relative" },
          error: {
            position: "absolute",
            top: "100%",
            insetInline: 0,
            marginTop: 4,
            padding: "4px 8px",
            background: "var(--mantine-color-body)",
            border: "1px solid var(--mantine-color-error)",
            borderRadius: "var(--mantine-radius-sm)",
            zIndex: 1,
          },
        }}
        onChange={(e) => setQ(e.currentTarget.value)}
        w={{ base: "100%", sm: 320 }}
        size="sm"
      />
    </form>
  );
}

function Navigation({ me, onNavigate }: { me: Me; onNavigate: () => void }) {
  const t = useT();
  const location = useLocation();
  const items = navFor(me.roles);
  const work = items.filter((i) => !i.admin);
  const admin = items.filter((i) => i.admin);
  const link = (item: (typeof items)[number]) => (
    <NavLink
      key={item.to}
      component={Link}
      to={item.to}
      label={t(item.label)}
      active={location.pathname.startsWith(item.to)}
      onClick={onNavigate}
    />
  );
  return (
    <nav aria-label={t("nav.label")}>
      {work.map(link)}
      {admin.length > 0 && (
        <Text size="xs" c="dimmed" tt="uppercase" fw={700} mt="md" mb={4} px="sm">
          {t("nav.admin")}
        </Text>
      )}
      {admin.map(link)}
    </nav>
  );
}

/** The signed-in shell, loaded apart from the login screen (see routes.tsx `loadShell`). */
export default function AppLayout({ me, children }: { me: Me; children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure(false);
  // On a laptop the menu can be folded away for a wide table (a 1024 px screen), and stays as left.
  const [desktopOpened, setDesktopOpened] = useLocalStorage({ key: "mesa.nav.desktop", defaultValue: true });
  const t = useT();
  const toasts = useToastsWanted();
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{
        width: { sm: 200, lg: 230 },
        breakpoint: "sm",
        collapsed: { mobile: !opened, desktop: !desktopOpened },
      }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t("nav.toggle")} />
            <Burger
              opened={desktopOpened}
              onClick={() => setDesktopOpened((o) => !o)}
              visibleFrom="sm"
              size="sm"
              aria-label={t("nav.toggle")}
              aria-expanded={desktopOpened}
              data-testid="nav-toggle-desktop"
            />
            <Title order={3} c="teal.8">
              Mesa
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Group visibleFrom="sm">
              <SearchBox />
            </Group>
            <TimerChip enabled={hasRole(me.roles, "technician", "senior", "admin")} />
            <NotificationBell />
            <UserMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <AppShell.Section hiddenFrom="sm" mb="sm">
          <SearchBox onDone={close} />
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
          <Navigation me={me} onNavigate={close} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
      {toasts && (
        <Suspense fallback={null}>
          <Toasts />
        </Suspense>
      )}
    </AppShell>
  );
}
