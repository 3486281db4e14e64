/**
 * Where each enterprise's store lives: `<data folder>/enterprises/<key>/`, the key being the
 * enterprise's 统一社会信用代码 (or `local-<hash of the email>` on a desk with no bureau, where no
 * code is known). Keys are checked before they become a path.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { ServiceError } from '../../../shared/bridge/envelope';

export const ENTERPRISES_DIR = 'enterprises';

const USCC_KEY = /^[0-9A-HJ-NP-RT-UW-Y]{18}$/;
const LOCAL_KEY = /^local-[0-9a-f]{16}$/;

export const isEnterpriseKey = (key: string): boolean => USCC_KEY.test(key) || LOCAL_KEY.test(key);
/** the store is keyed by the enterprise's 统一社会信用代码 (not a local, email-keyed one) */
export const isUsccKey = (key: string): boolean => USCC_KEY.test(key);

/** The store key of a desk with no bureau: the email names the enterprise, hashed for the path. */
export const localKey = (email: string): string => `local-${createHash('sha256').update(email).digest('hex').slice(0, 16)}`;

export function enterpriseDir(dataDir: string, key: string): string {
  if (!isEnterpriseKey(key)) {
    throw new ServiceError('INVALID_INPUT', `单位标识「${key.slice(0, 40)}」无效 / The enterprise key "${key.slice(0, 40)}" is invalid`);
  }
  return path.join(dataDir, ENTERPRISES_DIR, key);
}
