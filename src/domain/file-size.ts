/**
 * A file's size as people read it, the same in the staff app, the client portal and the mails that
 * tell a client a file was added: bytes under 1 KB ("14 B", never rounded up to "1 KB"), then KB (one
 * decimal under 10: "1.4 KB") and MB ("2.5 MB"). Pure and import-free: every entry shares it.
 */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb < 10 ? trim(kb.toFixed(1)) : Math.round(kb)} KB`;
  return `${trim((kb / 1024).toFixed(1))} MB`;
}

const trim = (fixed: string) => fixed.replace(/\.0$/, "");

/** The largest file Mesa keeps: an upload (staff or portal) or a mail's attachment. */
export const ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

/**
 * Files up to this size ride inside the mail that tells a client a file was added; a bigger one (up
 * to the 25 MB an upload may have) would be refused by many mail servers once Base64 grows it by a
 * third, so its mail names it instead. The staff app says the same figure beside the upload.
 */
export const MAILED_FILE_MAX_BYTES = 7 * 1024 * 1024;
