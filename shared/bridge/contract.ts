/**
 * The bridge contract: channel → zod schema of the request and of the reply. Main validates
 * every request against it before a service runs; the preload exposes exactly these names;
 * the WebSocket host refuses anything else. A channel is added here (core) or in its
 * capability's module under ./channels (print, data, roster, enterprises), and nowhere else.
 */
import { z } from 'zod';
import { DOCUMENT_KINDS, type DocumentKind } from '../documents/types';
import { RECORD_STATUSES } from '../lifecycle';
import { id, date, formValues, empty, listFilter } from './common';
import { printChannels } from './channels/print';
import { dataChannels } from './channels/data';
import { rosterChannels } from './channels/roster';
import { enterpriseChannels } from './channels/enterprises';

export { printable, printer, type Printable, type PrinterInfo } from './channels/print';

const kind = z.enum(DOCUMENT_KINDS);

export const enterpriseProfile = z.object({
  email: z.string(),
  name: z.string(),
  uscc: z.string(),
  address: z.string(),
  postcode: z.string(),
  type: z.string(),
  legalRep: z.string(),
  contact: z.string(),
  phone: z.string(),
});
export type EnterpriseProfile = z.infer<typeof enterpriseProfile>;

export const problem = z.object({
  field: z.string(),
  severity: z.enum(['block', 'warn']),
  code: z.string(),
  message: z.string(),
});

export const historyEntry = z.object({
  at: z.string(),
  revision: z.number().int(),
  action: z.string(),
  detail: z.string(),
});

export const recordSummary = z.object({
  id,
  kind,
  status: z.enum(RECORD_STATUSES),
  revision: z.number().int(),
  personName: z.string(),
  documentNumber: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  /** exempt registration already written from this recruitment application */
  hasRegistration: z.boolean(),
  /** refused: the bureau refused this revision for good (e.g. employer mismatch); syncError says why */
  syncState: z.enum(['', 'pending', 'uploaded', 'refused']),
  syncError: z.string().nullable(),
});
export type RecordSummary = z.infer<typeof recordSummary>;

export const recordDetail = recordSummary.extend({
  values: formValues,
  sourceId: z.string().nullable(),
  reviewReason: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  certificateNo: z.string().nullable(),
  history: z.array(historyEntry),
  problems: z.array(problem),
});
export type RecordDetail = z.infer<typeof recordDetail>;

export type ListFilter = z.infer<typeof listFilter>;

/** The interface's language (printed forms stay Chinese whatever it is). */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export const language = z.enum(LANGUAGES);
export type Language = z.infer<typeof language>;

export const settings = z.object({
  minimumWage: z.number().positive(),
  minimumWageSource: z.string(),
  bureauUrl: z.string(),
  syncIntervalMinutes: z.number().int().min(1).max(1440),
  language,
});
export type Settings = z.infer<typeof settings>;


export const syncStatus = z.object({
  /** auth-required: the bureau token expired; the user enters the password again */
  state: z.enum(['idle', 'running', 'error', 'auth-required']),
  lastSyncAt: z.string().nullable(),
  /** "中文 / English" progress or error */
  message: z.string(),
  /** submitted revisions waiting for upload (待上传) */
  pending: z.number().int(),
});
export type SyncStatus = z.infer<typeof syncStatus>;



/**
 * Whether the bureau answers, from its last request and the probe: reachable (在线), unreachable
 * (办事大厅无法访问, message says why), unknown (no address set, or nothing asked yet).
 */
export const bureauStatus = z.object({
  state: z.enum(['reachable', 'unreachable', 'unknown']),
  message: z.string(),
  at: z.string().nullable(),
});
export type BureauStatus = z.infer<typeof bureauStatus>;

/** Labels of the cancellable tasks of bureau calls (task:progress), so a page knows its own. */
export const BUREAU_TASKS = {
  lookup: '向主管部门查询证件 / Looking up the number at the bureau',
  sync: '与主管部门同步 / Syncing with the bureau',
} as const;

/**
 * The autosave key of a form: its kind and record (`new` before the first save). Main deletes a
 * record's key with the record (a deleted draft leaves no typed form behind).
 */
export const autosaveKey = (kind: DocumentKind, id?: string): string => `form:${kind}:${id ?? 'new'}`;

/** Typed-but-unsaved form state (autosave:put): bounded, whoever sends it. */
export const AUTOSAVE_MAX_BYTES = 8 * 1024 * 1024;
export const AUTOSAVE_MAX_KEYS = 1000;
export const AUTOSAVE_TOO_LARGE = `自动保存的内容过大（最多 ${AUTOSAVE_MAX_KEYS} 个字段、共 8 MB），未保存 / The autosaved form is too large (at most ${AUTOSAVE_MAX_KEYS} fields, 8 MB in all) and was not kept`;
const utf8Length = (s: string) => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 2 : 3; // a surrogate pair: 2 + 2
  }
  return n;
};
/** UTF-8 bytes of the values as JSON, without quoting escapes: counted, not serialized */
export function autosaveSize(values: Readonly<Record<string, string>>): number {
  let bytes = 2;
  for (const [k, v] of Object.entries(values)) bytes += utf8Length(k) + utf8Length(v) + 6;
  return bytes;
}
const autosaveValues = formValues.refine((v) => Object.keys(v).length <= AUTOSAVE_MAX_KEYS && autosaveSize(v) <= AUTOSAVE_MAX_BYTES, AUTOSAVE_TOO_LARGE);

const coreChannels = {
  'app:info': {
    request: empty,
    reply: z.object({ version: z.string(), mode: z.enum(['electron', 'browser']), today: date, language }),
  },
  /** the interface language, remembered in main: open before sign-in, like the login page */
  'app:setLanguage': { request: z.object({ language }).strict(), reply: z.object({ language }) },
  'auth:current': { request: empty, reply: z.object({ profile: enterpriseProfile.nullable() }) },
  'auth:login': {
    request: z.object({ email: z.string().max(254), password: z.string().max(256) }).strict(),
    /** offline: signed in with no network; tokenForSessionOnly: no keyring, the bureau token is kept in memory until sign-out */
    reply: z.object({ profile: enterpriseProfile, offline: z.boolean(), tokenForSessionOnly: z.boolean() }),
  },
  'auth:logout': { request: empty, reply: z.object({}) },
  'profile:save': { request: enterpriseProfile.omit({ email: true }).strict(), reply: z.object({ profile: enterpriseProfile }) },
  'records:list': {
    request: z
      .object({
        kind,
        filter: listFilter.default({}),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(100).default(10),
      })
      .strict(),
    reply: z.object({ rows: z.array(recordSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
  },
  'records:get': { request: z.object({ id }).strict(), reply: recordDetail },
  'records:save': {
    request: z.object({ id: id.optional(), kind, values: formValues, sourceId: id.optional() }).strict(),
    reply: recordDetail,
  },
  /** person: the user's answer to a CONFLICT refusal (same person as personId / the one shown, or a new person) */
  'records:submit': {
    request: z.object({ id, person: z.enum(['same', 'new']).optional(), personId: id.optional() }).strict(),
    reply: recordDetail,
  },
  'records:check': {
    request: z.object({ kind, values: formValues }).strict(),
    reply: z.object({ problems: z.array(problem) }),
  },
  /**
   * number pages: prefill a new form from a certificate/permit number. unreachable: not found
   * here and the bureau could not be asked (message says why); cancelled: the user's 【取消】.
   * The bureau lookup runs as a cancellable task labelled BUREAU_TASKS.lookup.
   */
  'records:prefill': {
    request: z.object({ kind, number: z.string().max(64) }).strict(),
    reply: z.object({ values: formValues, source: z.enum(['local', 'bureau', 'none', 'unreachable', 'cancelled']), message: z.string().optional() }),
  },
  /** the recruitment list's 【填写】: an exempt registration prefilled from an approved application */
  'records:prefillFrom': {
    request: z.object({ kind, sourceId: id }).strict(),
    reply: z.object({ values: formValues }),
  },
  /** deletes never-submitted drafts (未提交), all or none; a record ever submitted is refused */
  'records:delete': {
    request: z.object({ ids: z.array(id).min(1).max(100) }).strict(),
    reply: z.object({
      deleted: z.array(z.object({ id, kind, personName: z.string(), documentNumber: z.string() })),
    }),
  },
  /** typed-but-unsaved form state, so a reload or crash loses nothing */
  'autosave:get': { request: z.object({ key: z.string().max(200) }).strict(), reply: z.object({ values: formValues.nullable() }) },
  /** at most AUTOSAVE_MAX_KEYS fields and AUTOSAVE_MAX_BYTES serialized (a form with its photos fits) */
  'autosave:put': { request: z.object({ key: z.string().max(200), values: autosaveValues }).strict(), reply: z.object({}) },
  'autosave:clear': { request: z.object({ key: z.string().max(200) }).strict(), reply: z.object({}) },
  'settings:get': { request: empty, reply: settings },
  'settings:save': { request: settings.partial().strict(), reply: settings },
  'sync:run': { request: empty, reply: z.object({ uploaded: z.number().int(), results: z.number().int(), permits: z.number().int() }) },
  'sync:status': { request: empty, reply: syncStatus },
  /** a light probe of the bureau (GET /v1/health); the answer is also pushed as bureau:status */
  'bureau:probe': { request: empty, reply: bureauStatus },
  /** cancels a long task (an import…) by the id its progress events carry */
  'task:cancel': { request: z.object({ task: z.string().max(100) }).strict(), reply: z.object({ cancelled: z.boolean() }) },
} as const;

/** Every channel: the core's and each capability's own module under ./channels. */
export const channels = {
  ...coreChannels,
  ...printChannels,
  ...dataChannels,
  ...rosterChannels,
  ...enterpriseChannels,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Channels[C]['request']>;
export type ReplyOf<C extends ChannelName> = z.infer<Channels[C]['reply']>;

export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);

/** Events main pushes to the renderer. */
export const events = {
  'records:changed': z.object({ id, kind }),
  'sync:status': syncStatus,
  'network:status': z.object({ online: z.boolean() }),
  /** the bureau's reachability changed (see bureauStatus) */
  'bureau:status': bureauStatus,
  /** progress of a long task (import, export, backup…): shown with a progress bar, cancellable */
  'task:progress': z.object({
    task: z.string(),
    label: z.string(),
    done: z.number().int(),
    total: z.number().int(),
    state: z.enum(['running', 'done', 'cancelled', 'failed']),
  }),
  /** a notification for the user (new review results, expiring permits) when main cannot show a desktop one */
  'app:notify': z.object({ title: z.string(), body: z.string() }),
} as const;
export type EventName = keyof typeof events;
export const EVENT_NAMES = Object.keys(events) as EventName[];
export type EventOf<E extends EventName> = z.infer<(typeof events)[E]>;

/** Message shapes on the WebSocket transport (browser mode). */
export const wsRequest = z.object({ id: z.number().int(), channel: z.string(), payload: z.unknown() });
export type WsRequest = z.infer<typeof wsRequest>;
