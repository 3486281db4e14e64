/** Small schemas every channel module shares. */
import { z } from 'zod';

export const id = z.string().min(1).max(64);
export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
export const formValues = z.record(z.string().max(64), z.string().max(2_000_000));
export const empty = z.object({}).strict();
/** a file's bytes over the bridge (base64), at most ~24 MB */
export const fileBytes = z.string().max(32 * 1024 * 1024);

/** A query page's filter (查询条件): `records:list` and the export of the same page take it. */
export const listFilter = z
  .object({
    name: z.string().max(100).optional(),
    documentNumber: z.string().max(100).optional(),
    submitState: z.enum(['未提交', '已提交']).optional(),
    reviewState: z.enum(['待预审', '预审通过', '预审不通过']).optional(),
    from: date.optional(),
    to: date.optional(),
  })
  .strict();
