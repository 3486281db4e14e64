/**
 * The renderer's only door to main: typed by the bridge contract. A refused call throws a
 * BridgeError carrying the bilingual message (and per-field messages) to show the user.
 */
import type { ChannelName, EventName, EventOf, ReplyOf, RequestOf } from '../../../shared/bridge/contract';
import type { BridgeErrorBody, ErrorCode } from '../../../shared/bridge/envelope';
import { bridgeApi } from './transport';

export class BridgeError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string>;
  constructor(body: BridgeErrorBody) {
    super(body.message);
    this.name = 'BridgeError';
    this.code = body.code;
    this.fields = body.fields ?? {};
  }
}

export async function invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ReplyOf<C>> {
  const envelope = await bridgeApi().invoke(channel, request);
  if (!envelope.ok) throw new BridgeError(envelope.error);
  return envelope.value as ReplyOf<C>;
}

export function onEvent<E extends EventName>(name: E, listener: (payload: EventOf<E>) => void): () => void {
  return bridgeApi().on(name, (payload) => listener(payload as EventOf<E>));
}

export { runsInElectron } from './transport';
