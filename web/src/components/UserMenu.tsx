import { Avatar, Menu, UnstyledButton } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useNavigate } from "react-router-dom";
import { useLogout, useUpdateMe } from "../api/auth";
import type { Me } from "../contract";
import { type Locale, useI18n } from "../i18n";
import { errorMessage } from "../lib/form";
import { storeLocale } from "../lib/session";

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join("");
}

export function UserMenu({ me }: { me: Me }) {
  const { t, locale } = useI18n();
  const logout = useLogout();
  const updateMe = useUpdateMe();
  const navigate = useNavigate();
  const switchTo = (next: Locale) => {
    storeLocale(next);
    updateMe.mutate(
      { locale: next },
      { onError: (error) => notifications.show({ color: "red", message: errorMessage(t, error) }) },
    );
  };
  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t("user.menu")} data-testid="user-menu">
          <Avatar color="teal" radius="xl">
            {initials(me.name)}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.name}</Menu.Label>
        <Menu.Label>{me.roles.map((r) => t(`role.${r}`)).join(", ")}</Menu.Label>
        <Menu.Divider />
        <Menu.Label>{t("user.language")}</Menu.Label>
        <Menu.Item onClick={() => switchTo("es-MX")} disabled={locale === "es-MX"}>
          Español (México)
        </Menu.Item>
        <Menu.Item onClick={() => switchTo("en")} disabled={locale === "en"}>
          English
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item onClick={() => navigate("/account")}>{t("account.menu")}</Menu.Item>
        <Menu.Item onClick={() => navigate("/account/tokens")}>{t("tokens.menu")}</Menu.Item>
        <Menu.Item color="red" onClick={() => logout.mutate()}>
          {t("user.logout")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
