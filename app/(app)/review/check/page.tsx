import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden } from 'next/navigation';
import { getDb } from '@/db/client';
import { canCheckDisclosures } from '@/lib/auth/authorize';
import { requireActor } from '@/lib/auth/session';
import { listCheckJobs, MAX_CHECK_FILE_BYTES, MAX_FILES_PER_BATCH } from '@/lib/checker/jobs';
import { PROFILE_LABEL } from '@/lib/checker/check';
import { checkJobPath, REVIEW_DESK_PATH } from '@/lib/routes';
import { CheckUpload, type CheckRow } from '@/components/checker/CheckUpload';

export const metadata: Metadata = { title: '核查公开文件' };

/**
 * Check disclosures made elsewhere: upload PDFs or workbooks of 公开表, follow each file through the queue, open a
 * file's findings. Reviewers and administrators only.
 */
export default async function CheckPage() {
  const actor = await requireActor();
  if (!canCheckDisclosures(actor)) forbidden();
  const rows: CheckRow[] = listCheckJobs(getDb(), actor).map((j) => ({
    id: j.id,
    fileName: j.fileName,
    status: j.status,
    position: j.position,
    error: j.error,
    href: checkJobPath(j.id),
    summary: j.summary ? { ...j.summary, profileLabel: PROFILE_LABEL[j.summary.profile] } : null,
  }));
  return (
    <section>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-bold">核查公开文件</h1>
        <Link href={REVIEW_DESK_PATH} className="ml-auto text-sm text-brand underline">
          返回审核工作台
        </Link>
      </div>
      <p className="mt-2 text-sm text-stone-600">
        上传部门在系统外编制的预算公开文件（发布用的 PDF，或公开表工作簿），按山西13张表或上海/中央9张表的格式读取并核对表内、表间和说明文字。
        只报告确定的问题；读不出的内容列为“未能读取”，不算作错误。
      </p>
      <div className="mt-4">
        <CheckUpload rows={rows} maxBytes={MAX_CHECK_FILE_BYTES} maxFiles={MAX_FILES_PER_BATCH} />
      </div>
    </section>
  );
}
