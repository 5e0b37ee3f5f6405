/**
 * Libraries that only some requests or configured features use load on first use, not at start-up:
 * exceljs and pdfkit (with their zip, csv and font dependencies) and the mail stack were about half
 * of the modules a start imported (bench/startup.ts). Each loads once; later calls reuse the promise.
 */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load();
    return loading;
  };
}

export const lazy = {
  exceljs: once(async () => (await import("exceljs")).default),
  pdfkit: once(async () => (await import("pdfkit")).default),
  nodemailer: once(async () => (await import("nodemailer")).default),
  mailparser: once(() => import("mailparser")),
  imapflow: once(() => import("imapflow")),
  smtpServer: once(() => import("smtp-server")),
  /** sanitize-html and postcss, for HTML-only mail. */
  mailBody: once(() => import("../modules/mail/body.js")),
};
