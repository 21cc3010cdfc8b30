import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { canCheckDisclosures } from '@/lib/auth/authorize';
import { requireActor } from '@/lib/auth/session';
import { readCheckJob } from '@/lib/checker/jobs';
import { JOB_STATUS_LABEL } from '@/lib/jobStatus';
import { REVIEW_CHECK_PATH } from '@/lib/routes';
import { CheckReportView } from '@/components/checker/CheckReportView';
import { recheckAction } from './actions';

export const metadata: Metadata = { title: '核查结果' };

/** One checked file: profile, department, year, tables, findings by severity with their place, what was not read. */
export default async function CheckResultPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (!canCheckDisclosures(actor)) forbidden();
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const r = readCheckJob(getDb(), actor, Number(id));
  if (!r.ok) notFound();
  const { job, result } = r;
  return (
    <section>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-bold">核查结果：{job.fileName}</h1>
        <Link href={REVIEW_CHECK_PATH} className="ml-auto text-sm text-brand underline">
          返回核查公开文件
        </Link>
      </div>
      {result ? (
        <CheckReportView result={result} recheck={recheckAction.bind(null, job.id)} />
      ) : (
        <p className="mt-4 text-sm">
          {JOB_STATUS_LABEL[job.status]}
          {job.error ? `：${job.error}` : ''}
        </p>
      )}
    </section>
  );
}
