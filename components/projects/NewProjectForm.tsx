'use client';

/** A new project; on success, opens it to add its items. */
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field';
import { useEditAction } from '@/components/ui/useEditAction';
import { ProjectFieldInputs, type ProjectFields } from './ProjectFieldInputs';
import type { ProjectActions, ProjectUnit } from './types';

export function NewProjectForm({ budgetId, units, create }: { budgetId: number; units: ProjectUnit[]; create: ProjectActions['create'] }) {
  const router = useRouter();
  const [values, setValues] = useState<ProjectFields>({
    name: '',
    unitId: String(units[0]?.id ?? ''),
    source: 'general',
    category: 'specific',
    carryover: 'false',
  });
  const edit = useEditAction(create);
  return (
    <form
      aria-label="新建项目"
      noValidate
      className="mt-6 rounded-lg border border-stone-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        edit.submit({ budgetId, project: values }, (r) => {
          if (r.ok) router.push(`/budgets/${budgetId}/projects/${r.project.id}`);
        });
      }}
    >
      <h2 className="mb-3 font-medium">新建项目</h2>
      <ProjectFieldInputs prefix="new-project" values={values} set={(k, v) => setValues((s) => ({ ...s, [k]: v }))} errors={edit.fieldErrors} units={units} />
      <div className="mt-3 flex items-center gap-3">
        <Button type="submit" disabled={edit.pending}>
          {edit.pending ? '正在创建…' : '创建项目'}
        </Button>
        {/* the form's message only when no field names the problem */}
        <FieldError message={Object.keys(edit.fieldErrors).length === 0 ? edit.formError : null} className="mt-0" />
      </div>
    </form>
  );
}
