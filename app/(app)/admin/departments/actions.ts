'use server';

import { formAction } from '@/lib/action';
import { checkbox } from '@/lib/admin/common';
import {
  createDepartment,
  createUnit,
  setDepartmentActive,
  setUnitActive,
  updateDepartment,
  updateUnit,
} from '@/lib/admin/departments';
import type { UnitType } from '@/lib/facts';

/** On success the form opens the new department's page (`id`). */
export const createDepartmentAction = formAction<{ id: number }>(
  ({ db, actor, values }) => {
    const { id } = createDepartment(db, actor, { code: values.code ?? '', name: values.name ?? '', regionName: values.regionName ?? '' });
    return { id };
  },
  { revalidate: () => ['/admin', '/'] },
);

export const updateDepartmentAction = formAction(
  ({ db, actor, values }) => {
    updateDepartment(db, actor, { id: values.id, code: values.code ?? '', name: values.name ?? '', regionName: values.regionName ?? '' });
    return { message: '已保存' };
  },
  { revalidate: () => ['/admin', '/'] },
);

export const departmentActiveAction = formAction(
  ({ db, actor, values }) => {
    const active = checkbox(values.active);
    setDepartmentActive(db, actor, { id: values.id, active });
    return { message: active ? '部门已启用' : '部门已停用' };
  },
  { revalidate: () => ['/admin'] },
);

export const createUnitAction = formAction(
  ({ db, actor, values }) => {
    createUnit(db, actor, { departmentId: values.departmentId, name: values.name ?? '', type: values.type as UnitType });
    return { message: `已新增单位“${(values.name ?? '').trim()}”` };
  },
  { revalidate: () => ['/admin', '/'] },
);

export const updateUnitAction = formAction(
  ({ db, actor, values }) => {
    updateUnit(db, actor, { id: values.id, name: values.name ?? '', type: values.type as UnitType });
    return { message: '已保存' };
  },
  { revalidate: () => ['/admin', '/'] },
);

export const unitActiveAction = formAction(
  ({ db, actor, values }) => {
    const active = checkbox(values.active);
    setUnitActive(db, actor, { id: values.id, active });
    return { message: active ? '单位已启用' : '单位已停用' };
  },
  { revalidate: () => ['/admin', '/'] },
);
