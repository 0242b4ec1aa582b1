// Problems found while reading a returned ledger, phrased for the unit's operator (in
// Chinese) and located precisely enough to find the cell in Excel.

/**
 * `row` is the 1-based Excel row; 0 means the problem concerns the whole file or sheet.
 * `column` is "C（工作举措）": the letter the user sees in Excel plus the header, or ''
 * when no single column is at fault.
 */
export type ImportIssue = { sheet: string; row: number; column: string; message: string };

export const NOT_XLSX = '文件不是有效的 Excel 工作簿（.xlsx）';

export class IssueList {
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];

  error(sheet: string, row: number, column: string, message: string): void {
    this.errors.push({ sheet, row, column, message });
  }

  warn(sheet: string, row: number, column: string, message: string): void {
    this.warnings.push({ sheet, row, column, message });
  }
}

export const columnLetter = (col: number): string => {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

export const columnLabel = (col: number, header: string): string => `${columnLetter(col)}（${header}）`;

/** Quote user text in a message without letting a 2,000-character cell flood the list. */
export const quote = (text: string, max = 30): string =>
  `“${text.length > max ? `${text.slice(0, max)}…` : text}”`;
