import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileButton,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useState } from "react";
import {
  type Attachment,
  attachmentUrl,
  type UploadedAttachment,
  useAttachments,
  useUploadAttachment,
} from "../../api/mail";
import { useT } from "../../i18n";
import { fileToBase64 } from "../../lib/fileBase64";
import { ATTACHMENT_MAX_BYTES, fileSize, MAILED_FILE_MAX_BYTES } from "../../lib/fileSize";
import { errorMessage } from "../../lib/form";
import { formatDateTime } from "../../lib/format";

type Visibility = Attachment["visibility"];

/** The largest file its mail carries, as the server decides it («7 MB»). */
const MAILED_SIZE = fileSize(MAILED_FILE_MAX_BYTES);
/**
 * Photos and the documents a technician carries. `image/*` makes a phone offer its camera next to the
 * gallery; no `capture`, which would open only the camera and lose the photos already taken.
 */
const ACCEPT = "image/*,application/pdf,.pdf,.doc,.docx,.xls,.xlsx,.ods,.odt,.csv,.txt,.zip";

/** Who put the file there and when: a staff member, the client in the portal, or the client's mail. */
function Uploaded({ attachment }: { attachment: Attachment }) {
  const t = useT();
  const name = attachment.uploadedByName;
  const who =
    attachment.source === "mail" || !name
      ? t("attachments.byMail")
      : attachment.source === "portal"
        ? t("attachments.fromPortal", { name })
        : name;
  return (
    <Text size="xs" c="dimmed" data-testid="attachment-meta">
      {t("attachments.meta", { who, when: formatDateTime(attachment.createdAt) })}
    </Text>
  );
}

function AttachmentRow({ ticketId, attachment }: { ticketId: string; attachment: Attachment }) {
  const t = useT();
  return (
    <div data-testid="attachment" data-visibility={attachment.visibility}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Anchor
          href={attachmentUrl(ticketId, attachment.id)}
          download={attachment.filename}
          size="sm"
          style={{ overflowWrap: "anywhere" }}
        >
          {attachment.filename} ({fileSize(attachment.size)})
        </Anchor>
        {attachment.visibility === "internal" && (
          <Badge size="xs" color="yellow" variant="light" data-testid="attachment-internal">
            {t("attachments.internal")}
          </Badge>
        )}
      </Group>
      <Uploaded attachment={attachment} />
    </div>
  );
}

/** What is wrong with a chosen file before it is sent, in the server's own words; null when fine. */
function problemOf(t: ReturnType<typeof useT>, file: File): string | null {
  if (file.size === 0) return t("attachments.empty");
  // The server's limit, checked before reading a file the server would refuse anyway.
  if (file.size > ATTACHMENT_MAX_BYTES) return t("attachments.tooBig");
  return null;
}

/** What became of the file: attached, and mailed to whom (or why the client was not mailed). */
function uploadedNotice(t: ReturnType<typeof useT>, saved: UploadedAttachment): string {
  const name = saved.filename;
  if (saved.visibility === "internal") return t("attachments.uploaded", { name });
  if (!saved.mailedTo) return t("attachments.uploadedNotMailed", { name });
  const key = saved.mailedAttached ? "attachments.uploadedMailed" : "attachments.uploadedMailedWithout";
  return t(key, { name, to: saved.mailedTo, max: MAILED_SIZE });
}

/** The file picker (camera or gallery on a phone), who will see the file, and the upload's state. */
function UploadForm({ ticketId }: { ticketId: string }) {
  const t = useT();
  const narrow = useMediaQuery("(max-width: 36em)");
  const upload = useUploadAttachment(ticketId);
  const [visibility, setVisibility] = useState<Visibility>("client");
  const [sending, setSending] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const send = async (file: File | null) => {
    setProblem(null);
    setDone(null);
    if (!file) return;
    const refused = problemOf(t, file);
    if (refused) return setProblem(refused);
    setSending(file.name);
    try {
      const dataBase64 = await fileToBase64(file).catch(() => {
        throw new Error(t("attachments.unreadable"));
      });
      const saved = await upload.mutateAsync({ filename: file.name, dataBase64, visibility });
      setDone(uploadedNotice(t, saved));
    } catch (error) {
      setProblem(errorMessage(t, error));
    } finally {
      setSending(null);
    }
  };
  return (
    <Stack gap="xs" data-testid="attachment-form">
      <SegmentedControl
        fullWidth={narrow}
        orientation={narrow ? "vertical" : "horizontal"}
        aria-label={t("attachments.visibility")}
        data-testid="attachment-visibility"
        value={visibility}
        disabled={sending !== null}
        onChange={(v) => setVisibility(v as Visibility)}
        data={(["client", "internal"] as const).map((v) => ({
          value: v,
          label: t(`attachments.visibility.${v}`),
        }))}
      />
      <Text size="xs" c="dimmed" data-testid="attachment-visibility-hint">
        {visibility === "internal"
          ? t("attachments.internalHint")
          : t("attachments.clientHint", { max: MAILED_SIZE })}
      </Text>
      <Group gap="sm" align="center">
        <FileButton
          onChange={send}
          accept={ACCEPT}
          disabled={sending !== null}
          inputProps={{ "data-testid": "attachment-input" } as object}
        >
          {(props) => (
            <Button
              {...props}
              variant="light"
              loading={sending !== null}
              fullWidth={narrow}
              data-testid="attachment-upload"
            >
              {t("attachments.attach")}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          {t("attachments.hint")}
        </Text>
      </Group>
      <Text size="sm" role="status" aria-live="polite" data-testid="attachment-status">
        {sending ? t("attachments.uploading", { name: sending }) : (done ?? "")}
      </Text>
      {problem && (
        <Alert color="red" role="alert" data-testid="attachment-problem">
          {problem}
        </Alert>
      )}
    </Stack>
  );
}

/**
 * The ticket's files — from the client's mail, the portal and staff — each downloaded (never opened
 * inline), internal ones badged; staff attach more while the ticket takes them.
 */
export function AttachmentsPanel({ ticketId, editable }: { ticketId: string; editable: boolean }) {
  const t = useT();
  const list = useAttachments(ticketId);
  const items = list.data?.items ?? [];
  if (!editable && items.length === 0) return null;
  return (
    <Paper withBorder p="sm" data-testid="attachments">
      <Text fw={600} size="sm" mb={4}>
        {t("attachments.title")}
      </Text>
      <Stack gap="xs">
        {items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("attachments.none")}
          </Text>
        )}
        {items.map((a) => (
          <AttachmentRow key={a.id} ticketId={ticketId} attachment={a} />
        ))}
        {editable && <UploadForm ticketId={ticketId} />}
      </Stack>
    </Paper>
  );
}
