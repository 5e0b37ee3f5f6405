// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/InlineInput.layer.css";
import "@mantine/core/styles/NumberInput.layer.css";
import "@mantine/core/styles/Switch.layer.css";
import "@mantine/core/styles/Table.layer.css";
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Stack,
  Switch,
  Table,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { useSaveCategory } from "../../api/admin";
import { type Category, useCategories } from "../../api/clients";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { WideTable } from "../../components/WideTable";
import { CategoryBody, CategoryCode } from "../../contract";
import { useT } from "../../i18n";
import { checkErrors, useForm } from "../../lib/form";
import { formatMinutes } from "../../lib/format";

function CategoryRow({ category }: { category: Category }) {
  const t = useT();
  const save = useSaveCategory();
  const form = useForm(
    {
      name: category.name,
      estimateMinutes: category.estimateMinutes as number | string,
      active: category.active,
    },
    t,
  );
  const { values, errors } = form;
  const submit = () => {
    const body = form.validate(CategoryBody, { ...values, estimateMinutes: Number(values.estimateMinutes) });
    if (body)
      save.mutate(
        { code: category.code, ...body },
        {
          onSuccess: () => notifications.show({ color: "teal", message: t("common.saved") }),
          onError: (e) => form.showError(e),
        },
      );
  };
  return (
    <Table.Tr>
      <Table.Td ff="monospace">{category.code}</Table.Td>
      <Table.Td>
        <TextInput
          aria-label={t("common.name")}
          value={values.name}
          onChange={(e) => form.set("name", e.currentTarget.value)}
          error={errors.name}
        />
      </Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={t("category.estimate")}
          min={1}
          value={values.estimateMinutes}
          onChange={(v) => form.set("estimateMinutes", v)}
          error={errors.estimateMinutes}
          description={formatMinutes(Number(values.estimateMinutes))}
        />
      </Table.Td>
      <Table.Td>
        <Switch
          aria-label={t("common.active")}
          checked={values.active}
          onChange={(e) => form.set("active", e.currentTarget.checked)}
        />
      </Table.Td>
      <Table.Td>
        <Button size="xs" variant="light" onClick={submit} loading={save.isPending}>
          {t("common.save")}
        </Button>
        {form.formError && (
          <Alert color="red" p={4} mt={4}>
            {form.formError}
          </Alert>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function NewCategory() {
  const t = useT();
  const save = useSaveCategory();
  const [code, setCode] = useState("");
  const form = useForm({ name: "", estimateMinutes: 60 as number | string }, t);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsedCode = CategoryCode.safeParse(code);
    if (!parsedCode.success) {
      return form.setErrors({ code: checkErrors(t, parsedCode.error.issues, code)._form ?? "" });
    }
    const body = form.validate(CategoryBody, {
      ...form.values,
      estimateMinutes: Number(form.values.estimateMinutes),
      active: true,
    });
    if (body)
      save.mutate(
        { code: parsedCode.data, ...body },
        {
          onSuccess: () => {
            setCode("");
            form.reset();
          },
          onError: (e) => form.showError(e),
        },
      );
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Title order={3} size="h5" mb="xs">
          {t("category.new")}
        </Title>
        <Group align="flex-start">
          <TextInput
            label={t("category.code")}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={form.errors.code}
          />
          <TextInput
            label={t("common.name")}
            value={form.values.name}
            onChange={(e) => form.set("name", e.currentTarget.value)}
            error={form.errors.name}
          />
          <NumberInput
            label={t("category.estimate")}
            min={1}
            value={form.values.estimateMinutes}
            onChange={(v) => form.set("estimateMinutes", v)}
            error={form.errors.estimateMinutes}
          />
          <Button type="submit" mt={25} loading={save.isPending}>
            {t("common.add")}
          </Button>
        </Group>
        {form.formError && (
          <Alert color="red" mt="xs">
            {form.formError}
          </Alert>
        )}
      </form>
    </Paper>
  );
}

export default function CategoriesPage() {
  const t = useT();
  const categories = useCategories();
  return (
    <Stack>
      <PageHeader title={t("category.title")} subtitle={t("category.subtitle")} />
      <QueryState query={categories}>
        <WideTable minWidth={760}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("category.code")}</Table.Th>
                <Table.Th>{t("common.name")}</Table.Th>
                <Table.Th>{t("category.estimate")}</Table.Th>
                <Table.Th>{t("common.active")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(categories.data?.items ?? []).map((c) => (
                <CategoryRow key={c.code} category={c} />
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
      </QueryState>
      <NewCategory />
    </Stack>
  );
}
