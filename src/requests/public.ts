// Front door of the requests module (依申请公开). The annual report reads `requestsYear`.
export {
  APPLICANT_COLUMN, APPLICANT_TYPES, DECISION_CODES, decisionRow, TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS, TABLE4_ROWS,
  type ApplicantType, type DecisionCode, type RequestsYear, type Table3, type Table3Column, type Table3Row, type Table4,
} from './table3.js';
/**
 * requestsYear(db, { unitIds }, year): table 3 (receipt year for 一, decision year for 三, open on
 * 31 December for 四, last year's 四 as 二), table 4 from the 复议/诉讼 register (by filing year,
 * result as known on 31 December), on-time rate, median working days, fees paid in the year.
 */
export { emptyTable3, emptyTable4, requestsYear } from './requests-year.js';
