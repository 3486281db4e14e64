/** The enterprises that signed in on this desk (切换单位), each with its own store (issue: enterprises kept apart). */
import { z } from 'zod';
import { empty } from '../common';

export const enterpriseSummary = z.object({
  /** the store's key: the 统一社会信用代码 (or local-… on a desk with no bureau) */
  key: z.string(),
  uscc: z.string(),
  name: z.string(),
  /** the email that last signed in to it here: switching signs in with it */
  email: z.string(),
  lastSignedInAt: z.string().nullable(),
  /** submitted revisions waiting for upload (待上传): live for the signed-in one, as left for the others */
  pendingUploads: z.number().int(),
  current: z.boolean(),
});
export type EnterpriseSummary = z.infer<typeof enterpriseSummary>;

export const enterpriseChannels = {
  /** 切换单位: the enterprises that signed in on this desk */
  'enterprises:list': { request: empty, reply: z.object({ enterprises: z.array(enterpriseSummary) }) },
} as const;
