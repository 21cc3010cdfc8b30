'use server';

import { redirect } from 'next/navigation';
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
import { runAction, type FormState } from '../_lib/form';

export async function createDepartmentAction(_prev: FormState | null, formData: FormData): Promise<FormState> {
  const created = { id: 0 };
  const state = await runAction(
    formData,
    ({ db, actor, values }) => {
      const r = createDepartment(db, actor, { code: values.code ?? '', name: values.name ?? '', regionName: values.regionName ?? '' });
      created.id = r.id;
    },
    ['/admin', '/'],
  );
  if (state.ok && created.id) redirect(`/admin/departments/${created.id}?created=1`);
  return state;
}

export async function updateDepartmentAction(_prev: FormState | null, formData: FormData): Promise<FormState> {
  return runAction(formData, ({ db, actor, values }) => {
    updateDepartment(db, actor, {
      id: values.id,
      code: values.code ?? '',
      name: values.name ?? '',
      regionName: values.regionName ?? '',
    });
    return { message: '已保存' };
  }, ['/admin', '/']);
}

export async function departmentActiveAction(_prev: FormState | null, formData: FormData): Promise<FormState> {
  return runAction(formData, ({ db, actor, values }) => {
    const active = checkbox(values.active);
    setDepartmentActive(db, actor, { id: values.id, active });
    return { message: active ? '部门已启用' : '部门已停用' };
  });
}

export async function createUnitAction(_prev: FormState | null, formData: FormData): Promise<FormState> {
  return runAction(formData, ({ db, actor, values }) => {
    createUnit(db, actor, { departmentId: values.departmentId, name: values.name ?? '', type: values.type as UnitType });
    return { message: `已新增单位“${(values.name ?? '').trim()}”` };
  }, ['/admin', '/']);
}

export async function updateUnitAction(_prev: FormState | null, formData: FormData): Promise<FormState> {
  return runAction(formData, ({ db, actor, values }) => {
    updateUnit(db, actor, { id: values.id, name: values.name ?? '', type: values.type as UnitType });
    return { message: '已保存' };
  }, ['/admin', '/']);
}

export async function unitActiveAction(_prev: FormState | null, formData: FormData): Promise<FormState> {
  return runAction(formData, ({ db, actor, values }) => {
    const active = checkbox(values.active);
    setUnitActive(db, actor, { id: values.id, active });
    return { message: active ? '单位已启用' : '单位已停用' };
  }, ['/admin', '/']);
}
