/** Small schemas every channel module shares. */
import { z } from 'zod';
import { PHOTO_MAX_BYTES } from '../validation/photo';

export const id = z.string().min(1).max(64);
export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
export const formValues = z.record(z.string().max(64), z.string().max(2_000_000));
export const empty = z.object({}).strict();
/**
 * A file held by main (an upload, an export waiting to be saved): files never cross the bridge as
 * bytes, only this opaque handle does.
 */
export const fileId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'file id');

/** a photo as a data URL: 4 base64 characters per 3 bytes, plus the `data:image/jpeg;base64,` prefix */
const PHOTO_DATA_URL_CHARS = Math.ceil(PHOTO_MAX_BYTES / 3) * 4 + 64;
/**
 * The largest bridge message, in bytes: a form carrying two photos at their limit, and 1 MiB for
 * everything else (files travel as handles, so nothing else is large).
 */
export const MAX_BRIDGE_MESSAGE_BYTES = 2 * PHOTO_DATA_URL_CHARS + 1024 * 1024;
/** object keys plus array elements in one message (a form has a few hundred fields) */
export const MAX_BRIDGE_MESSAGE_ITEMS = 10_000;
/** nesting of objects and arrays in one message (requests nest three or four levels) */
export const MAX_BRIDGE_MESSAGE_DEPTH = 32;

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
