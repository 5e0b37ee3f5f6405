/**
 * Text cells of a CSV opened in a spreadsheet. Pure: shared by the reports' CSV and the ERP export.
 */

/** The starts a spreadsheet reads as a formula (OWASP's CSV injection list): =, +, -, @, tab, CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text a spreadsheet would run as a formula (a client named `=HYPERLINK(…)`, a description
 * `=cmd|…`) gets a leading apostrophe, so it shows as text. Only for text cells: numbers are
 * written as they are, a negative amount included.
 */
export const formulaSafe = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);
