import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  PasswordInput,
  Select,
  Stack,
  Switch,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { FormEvent } from "react";
import { type User, useSaveUser } from "../../api/admin";
import { useCategories } from "../../api/clients";
import { type Role, Role as RoleSchema, UserBody, UserPatch } from "../../contract";
import { useT } from "../../i18n";
import { useForm } from "../../lib/form";

const STAFF_ROLES = RoleSchema.options.filter((r) => r !== "client");

function UserForm({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useT();
  const save = useSaveUser();
  // Skills match tickets by category: the categories are offered as the admin types.
  const categories = useCategories().data?.items ?? [];
  const form = useForm(
    {
      email: user?.email ?? "",
      name: user?.name ?? "",
      password: "",
      roles: (user?.roles ?? []) as Role[],
      skills: user?.skills ?? [],
      active: user?.active ?? true,
      locale: user?.locale ?? "es-MX",
    },
    t,
  );
  const { values, errors } = form;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { email, password, ...rest } = values;
    const body = user
      ? form.validate(UserPatch, { ...rest, password: password || undefined })
      : form.validate(UserBody, {
          email,
          password,
          name: values.name,
          roles: values.roles,
          skills: values.skills,
          locale: values.locale,
        });
    if (body)
      save.mutate(
        { id: user?.id, body },
        {
          onSuccess: () => {
            notifications.show({ color: "teal", message: t("users.saved", { name: values.name.trim() }) });
            onClose();
          },
          onError: (e) => form.showError(e),
        },
      );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label={t("common.email")}
          value={values.email}
          disabled={!!user}
          onChange={(e) => form.set("email", e.currentTarget.value)}
          error={errors.email}
          data-autofocus
        />
        <TextInput
          label={t("common.name")}
          value={values.name}
          onChange={(e) => form.set("name", e.currentTarget.value)}
          error={errors.name}
        />
        <PasswordInput
          visibilityToggleButtonProps={{ "aria-label": t("common.showPassword") }}
          label={user ? t("users.newPassword") : t("login.password")}
          description={t("setup.passwordHint")}
          value={values.password}
          onChange={(e) => form.set("password", e.currentTarget.value)}
          error={errors.password}
        />
        <MultiSelect
          label={t("users.roles")}
          data={STAFF_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          value={values.roles}
          onChange={(v) => form.set("roles", v as Role[])}
          error={errors.roles}
        />
        <MultiSelect
          label={t("users.skills")}
          description={t("users.skillsHint")}
          // Skills match tickets by category, so they are picked from the categories, by name; a skill
          // saved before that is no category stays listed under its code rather than being dropped.
          data={[
            ...categories.map((c) => ({ value: c.code, label: c.name })),
            ...values.skills
              .filter((code) => !categories.some((c) => c.code === code))
              .map((code) => ({ value: code, label: code })),
          ]}
          searchable
          hidePickedOptions
          value={values.skills}
          onChange={(v) => form.set("skills", v)}
          error={errors.skills ?? Object.entries(errors).find(([k]) => k.startsWith("skills."))?.[1]}
        />
        <Select
          label={t("user.language")}
          data={[
            { value: "es-MX", label: "Español (México)" },
            { value: "en", label: "English" },
          ]}
          value={values.locale}
          onChange={(v) => v && form.set("locale", v as "es-MX" | "en")}
          allowDeselect={false}
        />
        {user && (
          <Switch
            label={t("users.active")}
            checked={values.active}
            onChange={(e) => form.set("active", e.currentTarget.checked)}
          />
        )}
        {form.formError && <Alert color="red">{form.formError}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function UserEditor({
  user,
  opened,
  onClose,
}: {
  user: User | null;
  opened: boolean;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Modal
      closeButtonProps={{ "aria-label": t("common.close") }}
      opened={opened}
      onClose={onClose}
      title={user ? user.name : t("users.new")}
    >
      {opened && <UserForm key={user?.id ?? "new"} user={user} onClose={onClose} />}
    </Modal>
  );
}
