/**
 * The sections of today's 外国人来华工作许可 forms (../shared/docs/work-permit-today.md): the
 * points and circumstances of shared/workPermit as they are, the notice / permit numbers, and
 * what 延期, 变更, 注销 and 补办 ask for, each with its rules. The employer, person, job and visa
 * sections are the manual's (sections.ts).
 */
import { materialIssuedKey, materialKey, WP_CIRCUMSTANCE_FIELDS, WP_POINTS_FIELDS } from '../workPermit/fields';
import { MATERIALS, PROCEDURES, type WorkPermitProcedure } from '../workPermit/materials';
import { addDays, compareDates, diffDays, isIsoDate } from '../validation/dates';
import { labelOf, problem, valueOf, type Rule, type SectionSpec } from './define';
import { validateWorkPermitNo } from './numbers';
import type { FieldDef, FieldType, FormValues, Problem } from './types';

type FieldExtra = Omit<FieldDef, 'key' | 'label' | 'labelEn' | 'type'>;
const field = (key: string, label: string, labelEn: string, type: FieldType, extra: FieldExtra = {}): FieldDef => ({ key, label, labelEn, type, ...extra });
const req = { required: true } as const;

export const WP_CHANGE_ITEMS = ['姓名', '护照号码', '职务', '工作类别', '其他'] as const;
export const WP_CANCELLATION_REASONS = ['解除聘用', '聘用期满', '工作单位注销', '其他'] as const;
export const WP_REISSUE_REASONS = ['遗失', '损毁'] as const;

/** Days after the event within which a 变更 or 注销 is filed (provincial guides). */
export const WP_EVENT_DAYS = 10;

function dateOf(values: FormValues, key: string): string | null {
  const v = valueOf(values, key);
  return v !== '' && isIsoDate(v) ? v : null;
}

/** A number field checked as a work-permit notice (WN…) or permit (WP…) number. */
function numberRule(key: string, which: 'notice' | 'permit'): Rule {
  return (values) => {
    const v = valueOf(values, key);
    if (v === '') return [];
    const msg = validateWorkPermitNo(v, which);
    return msg ? [{ field: key, severity: 'block', code: `wp.${which}No.format`, message: msg }] : [];
  };
}

/** A date that must not lie in the future (an event that has happened). */
function notAfterToday(key: string): Rule {
  return (values, ctx, form) => {
    const d = dateOf(values, key);
    if (!d || compareDates(d, ctx.today) <= 0) return [];
    const l = labelOf(form, key);
    return [problem(key, 'block', 'wp.eventInFuture', `「${l.zh}」（${d}）晚于今天，请填写已发生的日期`, `${l.en} (${d}) is after today; enter the date it happened`)];
  };
}

/** 变更 / 注销: filed within WP_EVENT_DAYS of the event; later still files, with a warning. */
function withinEventDays(key: string): Rule {
  return (values, ctx, form) => {
    const d = dateOf(values, key);
    if (!d || compareDates(d, ctx.today) > 0) return [];
    const due = addDays(d, WP_EVENT_DAYS);
    if (compareDates(ctx.today, due) <= 0) return [];
    const l = labelOf(form, key);
    return [
      problem(
        key,
        'warn',
        'wp.eventLate',
        `应在「${l.zh}」（${d}）后${WP_EVENT_DAYS}日内办理（截止 ${due}），已逾期${diffDays(due, ctx.today)}天，请尽快提交并准备说明`,
        `Due within ${WP_EVENT_DAYS} days of ${l.en} (${d}, by ${due}); ${diffDays(due, ctx.today)} days late — file at once and be ready to explain`,
      ),
    ];
  };
}

// ─── notice / permit ───────────────────────────────────────────────────────────────────────

/** 积分要素 — the points panel's data (shared/workPermit/fields.ts), on the notice and permit forms. */
export function wpPointsSection(): SectionSpec {
  return { section: { id: 'wp', title: '积分要素及类别', titleEn: 'Points and category', fields: WP_POINTS_FIELDS }, rules: [] };
}

/** 随行家属 / 护照变更 — the circumstances that add materials. */
export function wpCircumstanceSection(): SectionSpec {
  return { section: { id: 'wpCircumstances', title: '其他情况', titleEn: 'Circumstances', fields: WP_CIRCUMSTANCE_FIELDS }, rules: [] };
}

/** Largest attachment, in characters of its data URL (about 500 kB of file): the whole submission stays under the bureau's 8 MB. */
export const ATTACHMENT_MAX_CHARS = 700_000;

/**
 * 申请材料 — one attachment per document of the procedure's checklist (shared/workPermit), and the
 * date of issue of those accepted for a limited time (无犯罪记录证明, 体检证明: 6 months). All
 * optional: the checklist panel says what is missing, the bureau decides.
 */
export function wpMaterialsSection(procedure: WorkPermitProcedure): SectionSpec {
  const fields: FieldDef[] = [];
  for (const id of PROCEDURES[procedure].materials) {
    const m = MATERIALS[id];
    fields.push(
      field(materialKey(id), m.label, m.labelEn, 'attachment', {
        maxLength: ATTACHMENT_MAX_CHARS,
        hint: `${m.requirement.split(' / ')[0] ?? ''}；PDF、JPEG 或 PNG，不超过 500 KB / ${m.requirement.split(' / ')[1] ?? ''}; PDF, JPEG or PNG, at most 500 kB`,
      }),
    );
    if (m.validityMonths !== undefined) {
      fields.push(
        field(materialIssuedKey(id), `${m.label}出具日期`, `${m.labelEn}: date of issue`, 'date', {
          hint: `须在计划提交日期前${m.validityMonths}个月内出具 / Issued within ${m.validityMonths} months before the planned filing date`,
        }),
      );
    }
  }
  return { section: { id: 'wpMaterials', title: '申请材料', titleEn: 'Documents', fields }, rules: [] };
}

/** 工作许可通知 — the permit application: the notice's number, entered on the number page. */
export function wpNoticeNoSection(): SectionSpec {
  return {
    section: {
      id: 'wpNotice',
      title: '外国人来华工作许可通知',
      titleEn: 'Notice of Work Permit',
      fields: [field('wpNotice.no', '工作许可通知编号', 'Work permit notice number', 'text', { ...req, readOnly: true, maxLength: 13 })],
    },
    rules: [numberRule('wpNotice.no', 'notice')],
  };
}

// ─── the permit held: 延期, 变更, 注销, 补办 ───────────────────────────────────────────────────

const PERMIT_NO = field('wpPermit.no', '工作许可证号码', 'Work permit number', 'text', { ...req, readOnly: true, maxLength: 13 });
const PERMIT_EXPIRY = field('wpPermit.expiry', '工作许可证有效期至', 'Work permit valid until', 'date', req);

/** 延期: the date asked for, after the current expiry and not after the contract's end. */
const extensionRules: readonly Rule[] = [
  (values, ctx, form) => {
    const expiry = dateOf(values, 'wpPermit.expiry');
    if (!expiry || compareDates(expiry, ctx.today) >= 0) return [];
    const l = labelOf(form, 'wpPermit.expiry');
    return [
      problem(
        'wpPermit.expiry',
        'block',
        'wp.permitExpired',
        `「${l.zh}」（${expiry}）已过，工作许可证已失效，不能延期，须重新申请工作许可`,
        `${l.en} (${expiry}) has passed: the permit has lapsed and cannot be extended — apply for a new work permit`,
      ),
    ];
  },
  (values, _ctx, form) => {
    const asked = dateOf(values, 'wpPermit.newExpiry');
    if (!asked) return [];
    const out: Problem[] = [];
    const l = labelOf(form, 'wpPermit.newExpiry');
    const expiry = dateOf(values, 'wpPermit.expiry');
    if (expiry && compareDates(asked, expiry) <= 0) {
      out.push(problem('wpPermit.newExpiry', 'block', 'wp.newExpiry.notLater', `「${l.zh}」须晚于工作许可证有效期至（${expiry}）`, `${l.en} must be after the current expiry (${expiry})`));
    }
    const end = dateOf(values, 'job.end');
    if (end && compareDates(asked, end) > 0) {
      out.push(problem('wpPermit.newExpiry', 'block', 'wp.newExpiry.afterContract', `「${l.zh}」不得晚于聘用期限至（${end}）`, `${l.en} must not be after the end of employment (${end})`));
    }
    return out;
  },
];

export function wpExtensionSection(): SectionSpec {
  return {
    section: {
      id: 'wpPermit',
      title: '延期申请',
      titleEn: 'Extension',
      fields: [
        PERMIT_NO,
        PERMIT_EXPIRY,
        field('wpPermit.newExpiry', '申请延期至', 'Extend until', 'date', {
          ...req,
          hint: '须晚于工作许可证有效期至，且不晚于聘用期限至 / After the current expiry, not after the end of employment',
        }),
        field('job.end', '聘用期限至', 'Employment until', 'date', { hint: '续签合同的期限 / End of the renewed contract' }),
        field('wpPermit.reason', '延期理由', 'Reason for the extension', 'textarea', { ...req, maxLength: 1000 }),
      ],
    },
    rules: [numberRule('wpPermit.no', 'permit'), ...extensionRules],
  };
}

export function wpChangeSection(): SectionSpec {
  return {
    section: {
      id: 'wpPermit',
      title: '变更事项',
      titleEn: 'Change',
      fields: [
        PERMIT_NO,
        PERMIT_EXPIRY,
        field('wpChange.item', '变更事项', 'What changed', 'select', { ...req, options: WP_CHANGE_ITEMS }),
        field('wpChange.before', '变更前', 'Before', 'text', { ...req, maxLength: 200 }),
        field('wpChange.after', '变更后', 'After', 'text', { ...req, maxLength: 200 }),
        field('wpChange.eventDate', '变更发生日期', 'Date of the change', 'date', {
          ...req,
          hint: `应在变更发生后${WP_EVENT_DAYS}日内办理 / File within ${WP_EVENT_DAYS} days of the change`,
        }),
      ],
    },
    rules: [numberRule('wpPermit.no', 'permit'), notAfterToday('wpChange.eventDate'), withinEventDays('wpChange.eventDate')],
  };
}

export function wpCancellationSection(): SectionSpec {
  return {
    section: {
      id: 'wpPermit',
      title: '注销申请',
      titleEn: 'Cancellation',
      fields: [
        PERMIT_NO,
        PERMIT_EXPIRY,
        field('wpCancel.reason', '注销原因', 'Reason for the cancellation', 'select', { ...req, options: WP_CANCELLATION_REASONS }),
        field('wpCancel.eventDate', '聘用终止日期', 'Date the employment ended', 'date', {
          ...req,
          hint: `应在聘用终止后${WP_EVENT_DAYS}日内办理 / File within ${WP_EVENT_DAYS} days of the end of employment`,
        }),
      ],
    },
    rules: [numberRule('wpPermit.no', 'permit'), notAfterToday('wpCancel.eventDate'), withinEventDays('wpCancel.eventDate')],
  };
}

export function wpReissueSection(): SectionSpec {
  return {
    section: {
      id: 'wpPermit',
      title: '补办申请',
      titleEn: 'Reissue',
      fields: [
        PERMIT_NO,
        PERMIT_EXPIRY,
        field('wpReissue.reason', '补办原因', 'Reason for the reissue', 'radio', { ...req, options: WP_REISSUE_REASONS }),
        field('wpReissue.date', '遗失（损毁）日期', 'Date of the loss or damage', 'date', req),
        field('wpReissue.statement', '遗失声明', 'Statement of loss', 'textarea', {
          maxLength: 500,
          hint: '遗失的，须先在外国人来华工作管理服务系统发布遗失声明 / For a loss, publish the statement in the national system first',
        }),
      ],
    },
    rules: [numberRule('wpPermit.no', 'permit'), notAfterToday('wpReissue.date')],
  };
}

/** The materials a procedure's 网上办理通知书 lists (the checklist's items, by their labels). */
export function wpNoticeMaterials(procedure: WorkPermitProcedure): readonly string[] {
  return ['本通知书', ...PROCEDURES[procedure].materials.map((id) => MATERIALS[id].label)];
}
