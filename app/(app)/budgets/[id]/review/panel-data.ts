/**
 * The review panels of a budget (lib/review/panel.ts) with the server actions their buttons call, for the overview
 * and the review page. The actions are bound here, not in the components (components never import app/) and not in
 * workflow-actions.ts (a 'use server' module exports only actions).
 */
import type { Db } from '@/db/client';
import type { Actor } from '@/lib/auth/authorize';
import type { BudgetSummaryRow } from '@/lib/budget/access';
import type { BudgetFacts } from '@/lib/facts';
import { reviewPanel, type ReviewPanel } from '@/lib/review/panel';
import type { CommentActions } from '@/components/CommentThread';
import type { WorkflowPanelActions, WorkflowPanelProps } from '@/components/WorkflowPanel';
import {
  addCommentAction,
  approveAction,
  correctAction,
  publishAction,
  reopenAction,
  replyCommentAction,
  resolveCommentAction,
  returnAction,
  saveExplanationsAction,
  submitAction,
  withdrawAction,
} from '../workflow-actions';

const workflowActions: WorkflowPanelActions = {
  submit: submitAction,
  withdraw: withdrawAction,
  return: returnAction,
  approve: approveAction,
  publish: publishAction,
  correct: correctAction,
  reopen: reopenAction,
  saveExplanations: saveExplanationsAction,
};

const commentActions: CommentActions = { add: addCommentAction, reply: replyCommentAction, resolve: resolveCommentAction };

interface ReviewData extends ReviewPanel {
  /** The workflow panel's props. */
  panel: WorkflowPanelProps;
  commentActions: CommentActions;
}

/** The panels' data for a budget the actor may read (a ForbiddenError otherwise), with the actions bound. */
export function reviewData(
  db: Db,
  actor: Actor,
  budget: BudgetSummaryRow,
  facts: BudgetFacts,
  opts: { anchors?: boolean; wantedAnchor?: string } = {},
): ReviewData {
  const panel = reviewPanel(db, actor, budget, facts, opts);
  const openComments = panel.threads.filter((t) => !t.resolved).length;
  return { ...panel, panel: { ...panel.workflow, openComments, actions: workflowActions }, commentActions };
}
