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
import { type FormEvent, useState } from "react";
import { type User, useSaveUser } from "../../api/admin";
import { useCategories } from "../../api/clients";
import { ConflictDialog } from "../../components/ConflictDialog";
import { type Role, Role as RoleSchema, UserBody, UserPatch } from "../../contract";
import { useT } from "../../i18n";
import { changedFields, useVersionedSave } from "../../lib/conflict";
import { listError, useForm } from "../../lib/form";
import { pickerSearch, typedOption } from "../../lib/pickerSearch";

const STAFF_ROLES = RoleSchema.options.filter((r) => r !== "client");

const initialValues = (user: User | null) => ({
  email: user?.email ?? "",
  name: user?.name ?? "",
  password: "",
  roles: (user?.roles ?? []) as Role[],
  skills: user?.skills ?? [],
  active: user?.active ?? true,
  locale: user?.locale ?? "es-MX",
});

/** What an edit may change, compared field by field when someone saved the account meanwhile. */
const CONFLICT_FIELDS = ["name", "roles", "skills", "active", "locale"];

/**
 * Adds the account (POST) or saves only the fields the admin changed (PATCH /api/users/:id), based on
 * the version the form was filled from; a conflict opens the compare dialog.
 */
function useUserSubmit(user: User | null, onClose: () => void) {
  const t = useT();
  const save = useSaveUser();
  const form = useForm(initialValues(user), t);
  const { base, edit, onSuccess, send, discard, reapply } = useVersionedSave<User>({
    record: user,
    patch: save.mutate,
    onSaved: () => {
      notifications.show({ color: "teal", message: t("users.saved", { name: form.values.name.trim() }) });
      onClose();
    },
    onError: (e) => form.showError(e),
    refill: (current) => form.setValues(initialValues(current)),
  });
  /** `skills`: the list with a skill left typed in its box (not yet in `form.values`). */
  const submit = (event: FormEvent, skills: string[] = form.values.skills) => {
    event.preventDefault();
    const { email, password, ...rest } = { ...form.values, skills };
    if (!base) {
      const { name, roles, skills, locale } = rest;
      const body = form.validate(UserBody, { email, password, name, roles, skills, locale });
      if (body) save.mutate({ body }, { onSuccess, onError: (e) => form.showError(e) });
      return;
    }
    const body = form.validate(UserPatch, { ...rest, password: password || undefined });
    if (!body) return;
    const { email: _email, password: _password, ...before } = initialValues(base);
    const { password: newPassword, ...fields } = body;
    const changes: Record<string, unknown> = changedFields(before, fields as Partial<typeof before>);
    if (newPassword) changes.password = newPassword;
    if (Object.keys(changes).length === 0) return onSuccess();
    send(changes, base);
  };
  return { form, submit, busy: save.isPending, edit, discard, reapply };
}

function UserForm({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useT();
  // Skills match tickets by category: the categories are offered as the admin types.
  const categories = useCategories().data?.items ?? [];
  const { form, submit, busy, edit, discard, reapply } = useUserSubmit(user, onClose);
  const { values, errors } = form;
  // Skills match tickets by category, so they are picked from the categories, by name; a skill
  // saved before that is no category stays listed under its code rather than being dropped.
  const skillOptions = [
    ...categories.map((c) => ({ value: c.code, label: c.name })),
    ...values.skills
      .filter((code) => !categories.some((c) => c.code === code))
      .map((code) => ({ value: code, label: code })),
  ];
  // A skill typed and not picked (the box left, «Guardar» clicked) is added when it names a category,
  // and said under the field when it names none: never dropped silently.
  const [skillSearch, setSkillSearch] = useState("");
  const [unmatchedSkill, setUnmatchedSkill] = useState<string | null>(null);
  const settleSkill = (text: string): string[] | null => {
    const typed = text.trim();
    if (!typed) return values.skills;
    const code = typedOption(
      skillOptions.filter((o) => !values.skills.includes(o.value)),
      typed,
    );
    if (code === null) {
      setUnmatchedSkill(typed);
      return null;
    }
    const skills = [...values.skills, code];
    form.set("skills", skills);
    return skills;
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (unmatchedSkill) return;
    const skills = settleSkill(skillSearch);
    if (!skills) return;
    setSkillSearch("");
    submit(event, skills);
  };
  const format = (field: string, value: unknown) =>
    field === "roles" && Array.isArray(value)
      ? value.map((r) => t(`role.${r as Role}`)).join(", ")
      : field === "locale"
        ? value === "en"
          ? "English"
          : "Español (México)"
        : null;
  return (
    <form onSubmit={save} noValidate>
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
          data={skillOptions}
          {...pickerSearch(t)}
          // Enter adds the first category that matches what was typed (not only after ArrowDown).
          selectFirstOptionOnChange
          hidePickedOptions
          searchValue={skillSearch}
          onSearchChange={(text) => {
            setSkillSearch(text);
            if (text) setUnmatchedSkill(null);
          }}
          onBlur={() => settleSkill(skillSearch)}
          value={values.skills}
          onChange={(v) => {
            setUnmatchedSkill(null);
            form.set("skills", v);
          }}
          error={
            unmatchedSkill ? t("users.skillUnmatched", { text: unmatchedSkill }) : listError(errors, "skills")
          }
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
          <Button type="submit" loading={busy}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
      <ConflictDialog
        conflict={edit.conflict}
        fields={CONFLICT_FIELDS}
        format={format}
        busy={busy}
        error={form.formError}
        onReapply={reapply}
        onDiscard={discard}
      />
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
