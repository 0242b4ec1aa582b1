import { AppError } from '../lib/errors.js';

export type PlanParseErrorCode =
  | 'plan_empty'
  | 'plan_no_task_table'
  | 'plan_no_tasks'
  | 'plan_unsupported_file'
  | 'plan_corrupt_file';

/**
 * The input is not a plan we can read. An AppError so routes map it like any other invalid
 * input; the message is Chinese and says what was expected, for the admin who uploaded it.
 */
export class PlanParseError extends AppError {
  constructor(code: PlanParseErrorCode, message: string) {
    super(code === 'plan_unsupported_file' ? 'unsupported_media' : 'invalid', code, message);
    this.name = 'PlanParseError';
  }
}

export const NO_TASK_TABLE_MESSAGE =
  '未找到附件1任务分解表（表头应包含：序号、工作任务、工作要求、责任单位、时限要求）';

export const UNSUPPORTED_FILE_MESSAGE = '文件不是工作方案：应为 .txt/.md 文本、.docx 或 .xlsx';
