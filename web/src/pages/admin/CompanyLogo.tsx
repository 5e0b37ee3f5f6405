import { Button, FileButton, Group, Image, Paper, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { logoUrl, useDeleteLogo, useSaveLogo } from "../../api/company";
import { type CompanySettings, LOGO_MAX_BYTES } from "../../contract";
import { useT } from "../../i18n";
import { fileToBase64 } from "../../lib/fileBase64";
import { errorMessage } from "../../lib/form";

/** Upload (PNG/JPEG ≤ 512 KB, checked here and on the server), preview and removal of the logo. */
export function CompanyLogo({ company, editable }: { company: CompanySettings; editable: boolean }) {
  const t = useT();
  const save = useSaveLogo();
  const remove = useDeleteLogo();
  const [problem, setProblem] = useState<string | null>(null);
  const url = logoUrl(company);
  const upload = async (file: File | null) => {
    setProblem(null);
    if (!file) return;
    if (file.type !== "image/png" && file.type !== "image/jpeg") return setProblem(t("company.logoType"));
    if (file.size > LOGO_MAX_BYTES) return setProblem(t("company.logoTooBig"));
    const dataBase64 = await fileToBase64(file);
    save.mutate({ contentType: file.type, dataBase64 }, { onError: (e) => setProblem(errorMessage(t, e)) });
  };
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Text fw={600}>{t("company.logo")}</Text>
        <Text size="xs" c="dimmed">
          {t("company.logoHint")}
        </Text>
        {url ? (
          <Image
            src={url}
            alt={t("company.logo")}
            maw={240}
            mah={120}
            fit="contain"
            data-testid="company-logo"
          />
        ) : (
          <Text size="sm" c="dimmed">
            {t("company.noLogo")}
          </Text>
        )}
        {problem && (
          <Text size="sm" c="red" data-testid="logo-problem">
            {problem}
          </Text>
        )}
        {editable && (
          <Group>
            <FileButton onChange={upload} accept="image/png,image/jpeg">
              {(props) => (
                <Button {...props} variant="light" loading={save.isPending} data-testid="logo-upload">
                  {t("company.logoUpload")}
                </Button>
              )}
            </FileButton>
            {url && (
              <Button
                variant="subtle"
                color="red"
                loading={remove.isPending}
                onClick={() => remove.mutate(undefined)}
              >
                {t("company.logoRemove")}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
