'use server';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { requireActor } from '@/lib/auth/session';
import { recheckWithProfile } from '@/lib/checker/jobs';
import { refusalMessage } from '@/lib/result';
import { REVIEW_CHECK_PATH } from '@/lib/routes';

/** Re-check a file with the other profile; back to the list, where the new check is followed. */
export async function recheckAction(jobId: number, formData: FormData): Promise<void> {
  const actor = await requireActor();
  const profile = formData.get('profile');
  const r = recheckWithProfile(getDb(), actor, { jobId, profile: typeof profile === 'string' ? (profile as 'shanxi-13') : 'shanxi-13' });
  if (!r.ok) throw new Error(refusalMessage(r));
  redirect(REVIEW_CHECK_PATH);
}
