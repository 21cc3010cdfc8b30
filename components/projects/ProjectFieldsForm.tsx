'use client';

/**
 * The project's own fields. Only the changed fields are sent, with the project version the first change started
 * from; a stale refusal shows what is there now and the next save is based on it.
 */
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field';
import { useEditAction } from '@/components/ui/useEditAction';
import type { ProjectState } from '@/lib/budget/edit/projects';
import type { FundSource, ProjectCategory } from '@/lib/facts';
import { ProjectFieldInputs, type ProjectFields } from './ProjectFieldInputs';
import type { ProjectActions, ProjectUnit } from './types';

export function ProjectFieldsForm({
  budgetId,
  project,
  units,
  update,
}: {
  budgetId: number;
  project: { id: number; version: number; name: string; unitId: number; source: FundSource; category: ProjectCategory; carryover: boolean };
  units: ProjectUnit[];
  update: ProjectActions['update'];
}) {
  const initial: ProjectFields = {
    name: project.name,
    unitId: String(project.unitId),
    source: project.source,
    category: project.category,
    carryover: String(project.carryover),
  };
  const [values, setValues] = useState<ProjectFields>(initial);
  const [baseVersion, setBaseVersion] = useState<number | null>(null);
  const [saved, setSaved] = useState(false);
  const edit = useEditAction(update);
  const changes = Object.fromEntries(
    (Object.keys(values) as (keyof ProjectFields)[]).filter((k) => values[k] !== initial[k]).map((k) => [k, values[k]]),
  );
  const unchanged = Object.keys(changes).length === 0;
  return (
    <form
      aria-label="项目信息"
      noValidate
      className="rounded-lg border border-stone-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (unchanged) return;
        edit.submit({ budgetId, projectId: project.id, version: baseVersion ?? project.version, changes }, (r) => {
          if (r.ok) {
            setBaseVersion(null);
            setSaved(true);
          } else if (r.reason === 'stale' && r.current) setBaseVersion((r.current as ProjectState).version);
        });
      }}
    >
      <h2 className="mb-3 font-medium">项目信息</h2>
      <ProjectFieldInputs
        prefix="project"
        values={values}
        set={(k, v) => {
          if (baseVersion === null) setBaseVersion(project.version);
          setSaved(false);
          setValues((s) => ({ ...s, [k]: v }));
        }}
        errors={edit.fieldErrors}
        units={units}
      />
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={edit.pending || unchanged}>
          {edit.pending ? '正在保存…' : '保存项目信息'}
        </Button>
        {saved && unchanged ? (
          <span role="status" className="text-sm text-green-700">
            已保存
          </span>
        ) : null}
        <FieldError message={edit.formError} className="mt-0" />
      </div>
    </form>
  );
}
