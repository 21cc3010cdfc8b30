'use server';

import { action } from '@/lib/action';
import { markNoticesRead } from '@/lib/notices';
import { NOTICES_PATH } from '@/lib/routes';

/** Marks the signed-in person's own notices read (the given ids, or all). */
export const markNoticesReadAction = action(({ db, actor }, input: { ids?: number[] }) => markNoticesRead(db, actor, input), {
  revalidate: () => [NOTICES_PATH, '/'],
});
