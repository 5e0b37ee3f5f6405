import { NumberInput, Select, SimpleGrid, TextInput } from "@mantine/core";
import { ChargeKind } from "../../contract";
import { useT } from "../../i18n";
import type { FormState } from "../../lib/form";
import { parsePesos } from "../../lib/format";

type Kind = (typeof ChargeKind.options)[number];
/** A charge as typed: the price in pesos as written ("1,234.50"), the quantity as the input holds it. */
export interface ChargeValues {
  kind: Kind;
  description: string;
  quantity: number | string;
  price: string;
}
export const EMPTY_CHARGE: ChargeValues = { kind: "consumable", description: "", quantity: 1, price: "" };

/** The body fields of what was typed; null after marking an unreadable price. */
export function chargeInput(t: ReturnType<typeof useT>, form: FormState<ChargeValues>) {
  const { values } = form;
  const cents = parsePesos(values.price);
  if (cents === null) {
    form.setErrors({ unitPriceCents: t("charge.badPrice") });
    return null;
  }
  return {
    kind: values.kind,
    description: values.description,
    quantity: Number(values.quantity),
    unitPriceCents: cents,
  };
}

/** Concept, description, quantity and unit price: the fields of adding and of correcting a charge. */
export function ChargeFields({ form }: { form: FormState<ChargeValues> }) {
  const t = useT();
  const { values, errors } = form;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Select
        label={t("charge.kind")}
        data={ChargeKind.options.map((k) => ({ value: k, label: t(`chargeKind.${k}`) }))}
        value={values.kind}
        onChange={(v) => v && form.set("kind", v as Kind)}
        allowDeselect={false}
      />
      <TextInput
        label={t("charge.description")}
        value={values.description}
        onChange={(e) => form.set("description", e.currentTarget.value)}
        error={errors.description}
      />
      <NumberInput
        label={t("charge.quantity")}
        min={1}
        max={100_000}
        // Decimals stay typed so the form refuses them («Cantidad entera»), never rounds them away.
        value={values.quantity}
        onChange={(v) => form.set("quantity", v)}
        error={errors.quantity}
      />
      <TextInput
        label={t("charge.unitPrice")}
        placeholder="0.00"
        leftSection="$"
        value={values.price}
        onChange={(e) => form.set("price", e.currentTarget.value)}
        error={errors.unitPriceCents}
      />
    </SimpleGrid>
  );
}
