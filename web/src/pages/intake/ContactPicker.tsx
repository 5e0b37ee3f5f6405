import { Button, Group, Paper, Stack, Text, UnstyledButton } from "@mantine/core";
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import type { Contact } from "../../api/clients";
import { useT } from "../../i18n";

const describe = (c: Contact) => [c.phone, c.email, c.position].filter(Boolean).join(" · ");

/**
 * The caller among the client's contacts, by keyboard: ↑/↓ move, Enter picks. The last option opens
 * "Nuevo contacto". Takes the focus when it appears, since reception asks "¿con quién hablo?" first.
 */
export function ContactPicker({
  contacts,
  onPick,
  onNew,
}: {
  contacts: Contact[];
  onPick: (c: Contact) => void;
  onNew: () => void;
}) {
  const t = useT();
  const [active, setActive] = useState(0);
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => list.current?.focus(), []);
  const count = contacts.length + 1; // + "Nuevo contacto"
  const choose = (i: number) => {
    const c = contacts[i];
    if (c) onPick(c);
    else onNew();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => (i + (e.key === "ArrowDown" ? 1 : count - 1)) % count);
    } else if (e.key === "Enter") {
      e.preventDefault();
      choose(active);
    }
  };
  const option = (i: number, label: string, detail: string) => (
    <UnstyledButton
      key={i}
      id={`contact-option-${i}`}
      role="option"
      aria-selected={i === active}
      tabIndex={-1}
      onClick={() => choose(i)}
      onMouseEnter={() => setActive(i)}
      data-testid="contact-option"
      className="mesa-option"
    >
      <Paper withBorder p={6} bg={i === active ? "teal.1" : undefined}>
        <Text fw={600} size="sm">
          {label}
        </Text>
        {detail && (
          <Text size="xs" c="dimmed">
            {detail}
          </Text>
        )}
      </Paper>
    </UnstyledButton>
  );
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id="contact-picker-label">
        {t("intake.pickContact")}
      </Text>
      <Stack
        gap={4}
        role="listbox"
        tabIndex={0}
        ref={list}
        aria-labelledby="contact-picker-label"
        aria-activedescendant={`contact-option-${active}`}
        onKeyDown={onKeyDown}
        data-testid="contact-picker"
        className="mesa-listbox"
      >
        {contacts.map((c, i) => option(i, c.name, describe(c)))}
        {option(contacts.length, `+ ${t("intake.newContact")}`, "")}
      </Stack>
    </Stack>
  );
}

/** The contact chosen, with the way to choose another. */
export function ChosenContact({ contact, onChange }: { contact: Contact; onChange: () => void }) {
  const t = useT();
  return (
    <Group gap="xs" data-testid="chosen-contact">
      <Text size="sm" c="dimmed">
        {t("ticket.contact")}:
      </Text>
      <Text fw={600}>{contact.name}</Text>
      {describe(contact) && (
        <Text size="sm" c="dimmed">
          {describe(contact)}
        </Text>
      )}
      <Button variant="subtle" size="xs" onClick={onChange}>
        {t("intake.changeContact")}
      </Button>
    </Group>
  );
}
