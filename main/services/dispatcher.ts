import type { z } from 'zod';
import {
  channels,
  isChannelName,
  type ChannelName,
  type ParsedRequestOf,
  type ReplyOf,
} from '../../shared/bridge/contract';
import { fail, ok, ServiceError, type Envelope } from '../../shared/bridge/envelope';
import { isFrozenError, lifecycleRefusal } from './store/refusals';

export type Handlers = { [C in ChannelName]: (request: ParsedRequestOf<C>) => ReplyOf<C> | Promise<ReplyOf<C>> };

const issueFields = (issues: z.core.$ZodIssue[]): Record<string, string> => {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '(request)';
    fields[key] = issue.message;
  }
  return fields;
};

/**
 * Turns (channel, payload) from any transport into a checked call: unknown channels and malformed
 * payloads are refused before any service runs; every outcome is an envelope.
 */
export function createDispatcher(
  handlers: Handlers,
  options: { isSignedIn: () => boolean; openChannels: readonly ChannelName[]; log?: (line: string) => void },
) {
  return async function dispatch(channel: unknown, payload: unknown): Promise<Envelope<unknown>> {
    if (!isChannelName(channel)) {
      return fail('UNKNOWN_CHANNEL', `未知的通道「${String(channel).slice(0, 80)}」，请求被拒绝 / Unknown channel "${String(channel).slice(0, 80)}"; the request was refused`);
    }
    const parsed = channels[channel].request.safeParse(payload ?? {});
    if (!parsed.success) {
      return fail(
        'BAD_REQUEST',
        `请求「${channel}」的数据格式不正确，未作任何更改 / The request "${channel}" is malformed; nothing was changed`,
        issueFields(parsed.error.issues),
      );
    }
    if (!options.openChannels.includes(channel) && !options.isSignedIn()) {
      return fail('NOT_SIGNED_IN', '请先登录 / Please sign in first');
    }
    try {
      const handler = handlers[channel] as (req: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (e) {
      if (e instanceof ServiceError) return fail(e.code, e.message, e.fields);
      const refusal = lifecycleRefusal(e);
      if (refusal) return fail('INVALID_STATE', refusal);
      if (isFrozenError(e)) {
        return fail('INVALID_STATE', '该申请已提交，不可修改 / This application has been submitted and cannot be changed');
      }
      options.log?.(`internal error on ${channel}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fail('INTERNAL', '程序内部错误，操作未完成，请重试或联系技术支持 / Internal error; the operation did not complete. Try again or contact support');
    }
  };
}
