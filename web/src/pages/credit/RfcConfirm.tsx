import { Checkbox, Stack, TextInput, type TextInputProps } from "@mantine/core";
import { useState } from "react";
import { ApiError } from "../../api/client";
import { useT } from "../../i18n";

export interface RfcConfirmState {
  /** The digit SAT's algorithm expects, while the server's warning stands. */
  expected: string | null;
  confirmed: boolean;
  setConfirmed(v: boolean): void;
  /** Remembers a check-digit warning from the server; true when the error was one. */
  caught(error: unknown): boolean;
  /** What a create or edit adds to its body once staff confirmed the RFC. */
  extra(): { rfcCheckDigitConfirmed?: true };
}

/** An RFC failing SAT's check digit is a warning staff confirm (422 `rfc_check_digit_mismatch`). */
export function useRfcConfirm(): RfcConfirmState {
  const [expected, setExpected] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  return {
    expected,
    confirmed,
    setConfirmed,
    caught: (error) => {
      if (!(error instanceof ApiError) || error.code !== "rfc_check_digit_mismatch") return false;
      const details = error.details as { expected?: string } | null;
      setExpected(details?.expected ?? "?");
      return true;
    },
    extra: () => (confirmed ? { rfcCheckDigitConfirmed: true } : {}),
  };
}

function RfcConfirm({ state }: { state: RfcConfirmState }) {
  const t = useT();
  if (state.expected === null) return null;
  return (
    <Checkbox
      color="orange"
      data-testid="rfc-confirm"
      label={t("rfc.confirm", { expected: state.expected })}
      checked={state.confirmed}
      onChange={(e) => state.setConfirmed(e.currentTarget.checked)}
    />
  );
}

/**
 * The RFC input with its check-digit confirmation right under it, in one cell of the form's grid: the
 * box is about this field. As a grid cell of its own it landed under «Razón social» (the next cell of
 * the client form's two columns), and below the intake's grid, under the phone.
 */
export function RfcField({ state, ...input }: { state: RfcConfirmState } & TextInputProps) {
  const t = useT();
  return (
    <Stack gap="xs">
      <TextInput label={t("client.rfc")} {...input} />
      <RfcConfirm state={state} />
    </Stack>
  );
}
