'use client';

/** Deletes a project (its items and 绩效目标表 go with it), after a confirmation that says so. */
import { useRouter } from 'next/navigation';
import { ConfirmButton } from '@/components/ui/dialog';
import { FieldError } from '@/components/ui/field';
import { useEditAction } from '@/components/ui/useEditAction';
import type { ProjectActions } from './types';

export function DeleteProjectButton({
  budgetId,
  projectId,
  version,
  name,
  hasForm,
  remove,
  after,
}: {
  budgetId: number;
  projectId: number;
  version: number;
  name: string;
  hasForm: boolean;
  remove: ProjectActions['remove'];
  /** Where to go once it is deleted (the project's own page goes back to the list). */
  after?: string;
}) {
  const router = useRouter();
  const edit = useEditAction(remove);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <ConfirmButton
        variant="danger"
        danger
        disabled={edit.pending}
        title={`删除项目“${name}”`}
        consequence={`项目“${name}”${hasForm ? '连同其明细和绩效目标表' : '连同其明细'}将一并删除，删除后不能恢复。`}
        confirmLabel="确认删除"
        onConfirm={() =>
          edit.submit({ budgetId, projectId, version }, (r) => {
            if (r.ok && after) router.push(after);
          })
        }
      >
        {/* the accessible name says which project (a visually hidden span next to the text would add a space to it) */}
        <span className="sr-only">删除项目“{name}”</span>
        <span aria-hidden="true">删除</span>
      </ConfirmButton>
      <FieldError message={edit.formError} className="mt-0 w-full" />
    </span>
  );
}
