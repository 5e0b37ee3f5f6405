/** The one rule for a file's size (src/domain/file-size.ts), shared with the server's mails. */
export { ATTACHMENT_MAX_BYTES, fileSize, MAILED_FILE_MAX_BYTES } from "../../../src/domain/file-size";
