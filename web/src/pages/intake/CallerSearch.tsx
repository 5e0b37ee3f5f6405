import { Badge, Group, Loader, Paper, Stack, Text, TextInput, UnstyledButton } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { type KeyboardEvent, useEffect, useState } from "react";
import { type CallerMatch, useCallerLookup } from "../../api/clients";
import { useT } from "../../i18n";
import { errorMessage } from "../../lib/form";

interface Props {
  onPick: (match: CallerMatch) => void;
  /** Offers "new client" when given (intake); linking a sender picks an existing one only. */
  onNewClient?: (text: string) => void;
  label?: string;
  /** Text already in the box (linking a sender starts from its address). */
  initial?: string;
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
              {match.activeContract
                ? match.activeContractTypes.length > 0
                  ? t("lookup.contractTypes", { types: match.activeContractTypes.join(", ") })
                  : t("kind.contract")
                : t("kind.event")}
            </Badge>
          </Group>
        </Group>
      </Paper>
    </UnstyledButton>
  );
}

/**
 * Finds the caller by phone, e-mail, name or RFC as reception types; Enter takes the first hit of what
 * is typed. The list asks 200 ms after the last key and shows the previous answer meanwhile: an Enter
 * pressed then asks at once and waits for that answer, so it never picks a caller of the text before
 * (typing «pech» fast after «ortega» and pressing Enter picked Ortega's office).
 */
export function CallerSearch({ onPick, onNewClient, label, initial = "" }: Props) {
  const t = useT();
  const [text, setText] = useState(initial);
  const [debounced] = useDebouncedValue(text, 200);
  // The text Enter was pressed on, until its own answer is in (then its first hit is picked).
  const [entered, setEntered] = useState<string | null>(null);
  const query = entered === text ? text : debounced;
  const lookup = useCallerLookup(query);
  const searched = query.trim().length >= 2;
  const items = searched ? (lookup.data?.items ?? []) : [];
  // The list answers the text in the box (not an earlier one still shown while the next is asked).
  const current = query === text && searched && lookup.isSuccess && !lookup.isPlaceholderData;

  // A lookup that failed ends the wait (its error is shown): a later refetch must not pick behind the user's back.
  useEffect(() => {
    if (entered !== null && lookup.isError) setEntered(null);
  }, [entered, lookup.isError]);
  useEffect(() => {
    if (entered === null || entered !== text || !current) return;
    setEntered(null);
    const first = items[0];
    if (first) onPick(first);
  }, [entered, text, current, items, onPick]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    if (text.trim().length >= 2) setEntered(text);
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
        onChange={(e) => {
          setText(e.currentTarget.value);
          setEntered(null);
        }}
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
        {searched && !lookup.isFetching && items.length === 0 && (
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
