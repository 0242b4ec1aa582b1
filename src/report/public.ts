// Front door of the report module (政府信息公开工作年度报告): what other modules may use.
export { reportTimeliness, type DeadlineState } from './report-deadlines.js';
export { publishedReportsOf, type PublishedReportRef } from './report-published.js';
