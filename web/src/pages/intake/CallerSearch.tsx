import { Badge, Group, Loader, Paper, Stack, Text, TextInput, UnstyledButton } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { type KeyboardEvent, useState } from "react";
import { type CallerMatch, useCallerLookup } from "../../api/clients";
import { useT } from "../../i18n";
import { errorMessage } from "../../lib/form";

interface Props {
  onPick: (match: CallerMatch) => void;
  /** Offers "new client" when given (intake); linking a sender picks an existing one only. */
  onNewClient?: (text: string) => void;
  label?: string;
}

function MatchButton({ match, onPick }: { match: CallerMatch; onPick: () => void }) {
  const t = useT();
  const contact = match.contact;
  return (
    <UnstyledButton onClick={onPick} data-testid="caller-match" className="mesa-match">
      <Paper withBorder p="xs">
        <Group justify="space-between" wrap="nowrap">
          <Stack gap={0}>
            <Text fw={600}>{match.client.name}</Text>
            <Text size="sm" c="dimmed">
              {[
                contact?.name,
                contact?.phone ?? match.client.phone,
                contact?.email ?? match.client.email,
                match.client.rfc,
              ]
                .filter(Boolean)
                .join(" · ")}
            </Text>
          </Stack>
          <Group gap={4} wrap="nowrap">
            <Badge variant="outline" color="gray" size="sm">
              {t(`lookup.matched.${match.matchedOn}`)}
            </Badge>
            <Badge color={match.activeContract ? "teal" : "gray"} size="sm">
              {match.activeContract ? t("kind.contract") : t("kind.event")}
            </Badge>
          </Group>
        </Group>
      </Paper>
    </UnstyledButton>
  );
}

/** Finds the caller by phone, e-mail, name or RFC as reception types; Enter takes the first hit. */
export function CallerSearch({ onPick, onNewClient, label }: Props) {
  const t = useT();
  const [text, setText] = useState("");
  const [debounced] = useDebouncedValue(text, 200);
  const lookup = useCallerLookup(debounced);
  const items = debounced.trim().length >= 2 ? (lookup.data?.items ?? []) : [];

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const first = items[0];
    if (first) onPick(first);
  };

  return (
    <Stack gap="xs">
      <TextInput
        label={label ?? t("intake.findCaller")}
        description={t("intake.findCallerHint")}
        placeholder={t("intake.findCallerPlaceholder")}
        autoFocus
        size="md"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        rightSection={lookup.isFetching ? <Loader size="xs" /> : null}
        data-testid="caller-search"
      />
      {lookup.isError && <Text c="red">{errorMessage(t, lookup.error)}</Text>}
      <Stack gap={6} aria-live="polite">
        {items.slice(0, 8).map((match) => (
          <MatchButton
            key={`${match.client.id}:${match.contact?.id ?? ""}`}
            match={match}
            onPick={() => onPick(match)}
          />
        ))}
        {debounced.trim().length >= 2 && !lookup.isFetching && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("intake.noMatch")}
          </Text>
        )}
      </Stack>
      {onNewClient && (
        <UnstyledButton onClick={() => onNewClient(text)} c="teal.8" fw={600} data-testid="new-client">
          + {t("intake.newClient")}
        </UnstyledButton>
      )}
    </Stack>
  );
}
