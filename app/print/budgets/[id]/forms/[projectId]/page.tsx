import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, notFound, redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { currentActor } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/auth/authorize';
import { readBudgetFacts } from '@/lib/budget/access';
import { parseId } from '@/lib/budget/params';
import { PerformanceFormSheet } from '@/components/PerformanceFormSheet';
import { PrintButton } from '@/components/PrintButton';

export const metadata: Metadata = { title: '项目支出绩效目标表（打印）', robots: { index: false } };

/**
 * One 项目支出绩效目标表 on its own, for printing: no app chrome, a 打印 button that does not print. A4 portrait
 * (`.performance-form-print` in globals.css); the sheet's rows never split across pages.
 */
export default async function PrintPerformanceFormPage({ params }: { params: Promise<{ id: string; projectId: string }> }) {
  const raw = await params;
  const budgetId = parseId(raw.id);
  const projectId = parseId(raw.projectId);
  if (budgetId === null || projectId === null) notFound();
  const actor = await currentActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/print/budgets/${budgetId}/forms/${projectId}`)}`);
  let data;
  try {
    data = readBudgetFacts(getDb(), actor, budgetId);
  } catch (e) {
    if (e instanceof ForbiddenError) forbidden();
    throw e;
  }
  const { budget, facts } = data;
  const project = facts.projects.find((p) => p.id === projectId);
  const form = facts.forms.find((f) => f.projectId === projectId);
  if (!project || !form) notFound();
  const unit = facts.units.find((u) => u.id === project.unitId);
  return (
    <main className="performance-form-print mx-auto max-w-[210mm] bg-white px-8 py-6 shadow-sm">
      <div className="no-print mb-4 flex items-center gap-3 text-sm">
        <PrintButton />
        <Link href={`/budgets/${budgetId}/projects/${projectId}/form`} className="mb-4 text-brand underline">
          返回绩效目标表
        </Link>
      </div>
      <PerformanceFormSheet
        form={form}
        projectName={project.name}
        unitName={unit?.name ?? ''}
        departmentCode={facts.department.code}
        departmentName={facts.department.name}
        regionName={facts.department.regionName}
        year={budget.year}
      />
    </main>
  );
}
