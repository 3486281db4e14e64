/**
 * The soak's mixed work, one deterministic round at a time, over the host's bridge (the WebSocket
 * the renderer drives in browser mode), as an HR clerk would do it: new applications with a real
 * JPEG photo (autosaved while typed, saved, opened again for 修改, completed, submitted), query
 * pages with and without the 姓名 search, records opened, 【同步】, the bureau's reviewer approving
 * or refusing what arrived, refused ones corrected and submitted again, and print previews of
 * forms and of 《网上办理通知书》.
 */
import type { RecordDetail, RecordSummary } from '../../shared/bridge/contract';
import type { FormValues } from '../../shared/documents/types';
import { VALID_VALUES } from '../fixtures/documents';
import { distinctPhoto, jpegDataUrl } from '../helpers/jpegPhotos';
import { letters } from '../helpers/letters';
import type { BridgeClient } from '../helpers/wsClient';
import type { Sandbox } from '../sandbox';

/** the kinds the soak files: a foreign person's license and recruitment, an HMT permit (all with a photo) */
export const SOAK_KINDS = ['license', 'recruitment', 'hmt-permit'] as const;
type SoakKind = (typeof SOAK_KINDS)[number];
/** kinds whose approval issues 《网上办理通知书》 */
const NOTICE_KINDS = ['license', 'hmt-permit'] as const;

const NEW_PER_ROUND = 2;
const PAGE_SIZE = 10; // the query page's
/** the bureau refuses every REFUSE_EVERY-th submission it receives, approves the rest */
const REFUSE_EVERY = 4;
/** the soak stops when this many bridge calls have failed */
const MAX_FAILURES = 20;

type ListReply = { rows: RecordSummary[]; total: number };
type PrintReply = { pdfBase64: string; pages: number };

/** three or more letters: the FTS trigram search needs three */
const nameTag = (i: number): string => letters(i + 26 * 26);

/** person `i`'s draft of `kind`, typed up to (not including) the police opinion */
function draftValues(kind: SoakKind, i: number): FormValues {
  const photo = jpegDataUrl(distinctPhoto(i));
  const values: FormValues = { ...VALID_VALUES[kind] };
  if (kind === 'hmt-permit') {
    // the same 居住证 and birth date: one person, whose details each application brings up to date
    values['hmt.photo'] = photo;
    values['hmt.phone'] = `139${String(10_000_000 + i).slice(-8)}`;
    return values;
  }
  values['person.nameEn'] = kind === 'license' ? `JOHN ${nameTag(i)} SMITH` : `MARIE ${nameTag(i)} DUBOIS`;
  values['person.passportNo'] = `${kind === 'license' ? 'L' : 'R'}${String(i).padStart(8, '0')}`;
  values['person.photo'] = photo;
  delete values['police.opinion'];
  delete values['police.date'];
  return values;
}

/** what 【修改】 adds before 【提交】: the police opinion, or for an HMT permit a corrected salary */
function completed(kind: SoakKind, values: FormValues, i: number): FormValues {
  const fixture = VALID_VALUES[kind];
  if (kind === 'hmt-permit') return { ...values, 'job.salary': String(20_000 + (i % 50) * 100) };
  return { ...values, 'police.opinion': fixture['police.opinion'] ?? '同意', 'police.date': fixture['police.date'] ?? '' };
}

export class SoakWorker {
  /** bridge calls (and the reviewer's decisions) by kind of work */
  readonly counts = new Map<string, number>();
  readonly failures: string[] = [];
  private person = 0;
  private received = 0;

  constructor(
    private readonly client: BridgeClient,
    private readonly sandbox: Sandbox,
  ) {}

  private count(op: string, n = 1): void {
    this.counts.set(op, (this.counts.get(op) ?? 0) + n);
  }

  /** One bridge call counted under `op`; a refusal is recorded (and stops the soak past MAX_FAILURES). */
  private async call<T>(op: string, channel: string, payload: unknown): Promise<T | null> {
    const e = await this.client.call<T>(channel, payload);
    this.count(op);
    if (e.ok) return e.value;
    this.failures.push(`${channel}: ${e.error.code}: ${e.error.message}`);
    if (this.failures.length > MAX_FAILURES) throw new Error(`more than ${MAX_FAILURES} bridge calls failed:\n${this.failures.join('\n')}`);
    return null;
  }

  private list(kind: string, filter: Record<string, string>, page = 1): Promise<ListReply | null> {
    return this.call<ListReply>(Object.keys(filter).includes('name') ? 'list (姓名 search)' : 'list', 'records:list', { kind, filter, page, pageSize: PAGE_SIZE });
  }

  private async print(id: string, document: 'form' | 'notice'): Promise<void> {
    const pdf = await this.call<PrintReply>(`print ${document}`, 'print:preview', { id, document });
    if (pdf && (pdf.pages < 1 || !pdf.pdfBase64.startsWith('JVBER'))) this.failures.push(`print:preview ${id} ${document}: not a PDF`);
  }

  /** 新增 → 【保存】 → 【修改】 → 【提交】, the way the form page drives the bridge. */
  private async newApplication(printIt: boolean): Promise<void> {
    const i = this.person++;
    const kind = SOAK_KINDS[i % SOAK_KINDS.length] as SoakKind;
    const key = `form:${kind}:new`;
    const values = draftValues(kind, i);
    await this.call('autosave', 'autosave:put', { key, values });
    const saved = await this.call<RecordDetail>('save draft', 'records:save', { kind, values });
    await this.call('autosave', 'autosave:clear', { key });
    if (!saved) return;
    const opened = await this.call<RecordDetail>('open record', 'records:get', { id: saved.id });
    if (!opened) return;
    const updated = await this.call<RecordDetail>('update draft', 'records:save', { id: saved.id, kind, values: completed(kind, opened.values, i) });
    if (!updated) return;
    await this.call('submit', 'records:submit', { id: saved.id });
    if (printIt) await this.print(saved.id, 'form');
  }

  /** A query page: its first pages, the 姓名 search (Latin, Chinese, a document number), the state filters. */
  private async browse(kind: SoakKind, round: number): Promise<void> {
    const first = await this.list(kind, {});
    await this.list(kind, {}, 2);
    // a person of this kind filed a few rounds ago (persons of a kind are i ≡ its index, mod the kinds)
    const k = SOAK_KINDS.indexOf(kind);
    const last = this.person - 1 - ((this.person - 1 - k) % SOAK_KINDS.length);
    const recent = Math.max(k, last - (round % 7) * SOAK_KINDS.length);
    const search = kind === 'hmt-permit' ? (round % 2 ? '陈家明' : '8100001990') : round % 2 ? nameTag(recent) : String(recent).padStart(8, '0');
    const found = await this.list(kind, { name: search });
    if (found && found.total === 0) this.failures.push(`records:list ${kind} 姓名 ${search}: nothing found`);
    await this.list(kind, { submitState: '已提交' });
    for (const row of first?.rows.slice(0, 2) ?? []) await this.call('open record', 'records:get', { id: row.id });
  }

  /** The reviewer's decisions on everything that arrived since the last round. */
  private review(): void {
    for (const s of this.sandbox.review.list('pending')) {
      this.received += 1;
      if (this.received % REFUSE_EVERY === 0) {
        this.sandbox.review.reject(s.submissionId, '请补充拟聘用外国人的资格证明 / please add the qualification certificate');
        this.count('bureau: refused');
      } else {
        this.sandbox.review.approve(s.submissionId);
        this.count('bureau: approved');
      }
    }
  }

  /** 预审不通过 rows: 【查看】 the reason, 【修改】, 【提交】 again. */
  private async correctRefused(kind: SoakKind, round: number): Promise<void> {
    const refused = await this.list(kind, { reviewState: '预审不通过' });
    for (const row of refused?.rows ?? []) {
      const detail = await this.call<RecordDetail>('open record', 'records:get', { id: row.id });
      if (!detail) continue;
      const values = { ...detail.values, 'job.salary': String(30_000 + (round % 40) * 100) };
      if (await this.call('update refused', 'records:save', { id: row.id, kind, values })) await this.call('submit', 'records:submit', { id: row.id });
    }
  }

  /** One round of the clerk's work. */
  async round(round: number): Promise<void> {
    for (let n = 0; n < NEW_PER_ROUND; n++) await this.newApplication(n === 0);
    const kind = SOAK_KINDS[round % SOAK_KINDS.length] as SoakKind;
    await this.browse(kind, round);
    await this.call('sync', 'sync:run', {});
    await this.call('status', 'sync:status', {});
    await this.call('status', 'deadlines:badge', {});
    this.review();
    await this.correctRefused(kind, round);
    const noticeKind = NOTICE_KINDS[round % NOTICE_KINDS.length] as string;
    let approved = await this.list(noticeKind, { reviewState: '预审通过' }, 1 + (round % 3));
    if (approved && approved.rows.length === 0 && approved.total > 0) approved = await this.list(noticeKind, { reviewState: '预审通过' });
    const pick = approved?.rows[round % Math.max(1, approved.rows.length)];
    if (pick) await this.print(pick.id, 'notice');
  }

  /** applications in the store, by the query pages' totals */
  async stored(): Promise<number> {
    let total = 0;
    for (const kind of SOAK_KINDS) total += (await this.list(kind, {}))?.total ?? 0;
    return total;
  }
}
