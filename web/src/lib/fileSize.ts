/** The one rule for a file's size (src/domain/file-size.ts), shared with the server's mails. */
export { fileSize } from "../../../src/domain/file-size";
