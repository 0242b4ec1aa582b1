/**
 * Error identities for the calendar module. Codes are stable (the API returns them);
 * messages are Chinese because they are shown to district staff as they are.
 */
export type CalendarErrorCode =
  | 'INVALID_DATE'
  | 'INVALID_DAY_COUNT'
  | 'INVALID_YEAR'
  | 'DATE_OUT_OF_RANGE'
  | 'INVALID_CALENDAR_FILE'
  | 'INVALID_LOCAL_OVERRIDE'
  | 'CLOCK_ILLEGAL_TRANSITION'
  | 'CLOCK_DATE_ORDER'
  | 'CLOCK_OVERDUE'
  | 'CLOCK_ALREADY_EXTENDED'
  | 'CLOCK_ALREADY_RESTARTED';

export class CalendarError extends Error {
  readonly code: CalendarErrorCode;

  constructor(code: CalendarErrorCode, message: string) {
    super(message);
    this.name = 'CalendarError';
    this.code = code;
  }
}

/** One problem found in an imported calendar file; `line` is 1-based in the source text. */
export interface CalendarProblem {
  readonly line: number;
  readonly message: string;
}

/**
 * Thrown when an import file is rejected. It carries every problem found, not just the
 * first, so an admin can fix the whole file in one pass; nothing from the file is applied.
 */
export class CalendarFileError extends CalendarError {
  readonly problems: readonly CalendarProblem[];

  constructor(problems: readonly CalendarProblem[]) {
    const sorted = [...problems].sort((a, b) => a.line - b.line);
    super('INVALID_CALENDAR_FILE', `节假日文件有 ${sorted.length} 处错误：\n` + sorted.map((p) => `第${p.line}行：${p.message}`).join('\n'));
    this.name = 'CalendarFileError';
    this.problems = Object.freeze(sorted);
  }
}

/** One problem in a list of local overrides; `index` is 1-based in the list given. */
export interface OverrideProblem {
  readonly index: number;
  readonly message: string;
}

export class LocalOverrideError extends CalendarError {
  readonly problems: readonly OverrideProblem[];

  constructor(problems: readonly OverrideProblem[]) {
    super('INVALID_LOCAL_OVERRIDE', `本地调整有 ${problems.length} 处错误：\n` + problems.map((p) => `第${p.index}条：${p.message}`).join('\n'));
    this.name = 'LocalOverrideError';
    this.problems = Object.freeze([...problems]);
  }
}
