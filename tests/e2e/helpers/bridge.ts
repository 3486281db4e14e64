/**
 * Drives the bridge of a running browser-mode host straight over its WebSocket
 * (ws://127.0.0.1:PORT/bridge?token=TOKEN, messages {id, channel, payload} → {id, envelope}),
 * for setting up data faster than through the UI. Built on tests/helpers/wsClient.ts.
 */
import type { ChannelName, ReplyOf, RequestOf } from '../../../shared/bridge/contract';
import type { DocumentKind, FormValues } from '../../../shared/documents/types';
import { bridgeUrl, connect } from '../../helpers/wsClient';
import type { RunningApp } from '../fixtures';

export interface Bridge {
  /** the reply value; throws on an error envelope */
  call<C extends ChannelName>(channel: C, payload: RequestOf<C>): Promise<ReplyOf<C>>;
  close(): void;
}

export async function openBridge(app: Pick<RunningApp, 'url'>): Promise<Bridge> {
  const client = await connect(bridgeUrl(app.url));
  return {
    async call<C extends ChannelName>(channel: C, payload: RequestOf<C>): Promise<ReplyOf<C>> {
      const envelope = await client.call<ReplyOf<C>>(channel, payload);
      if (!envelope.ok) throw new Error(`${channel} refused: ${envelope.error.code} ${envelope.error.message}`);
      return envelope.value;
    },
    close: () => client.close(),
  };
}

/** Saves `count` draft records of `kind` (the session must be signed in); returns their ids. */
export async function createRecords(
  app: Pick<RunningApp, 'url'>,
  kind: DocumentKind,
  count: number,
  values: (i: number) => FormValues,
): Promise<string[]> {
  const bridge = await openBridge(app);
  try {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push((await bridge.call('records:save', { kind, values: values(i) })).id);
    return ids;
  } finally {
    bridge.close();
  }
}
