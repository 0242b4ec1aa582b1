// Tables of plan corrections after import (src/plan/plan.migrations.ts).
import type { Generated } from 'kysely';

export interface PlanTaskChangesTable {
  id: Generated<number>;
  task_id: number;
  at: string;
  actor_label: string;
  /** plan.task.edit | plan.task.unassign | plan.task.exclude | plan.task.include */
  action: string;
  before_json: string;
  after_json: string;
  note: string;
}
export interface PlanTaskExclusionsTable { task_id: number; unit_id: number; created_at: string }

export interface PlanEditTables {
  plan_task_changes: PlanTaskChangesTable;
  plan_task_exclusions: PlanTaskExclusionsTable;
}
