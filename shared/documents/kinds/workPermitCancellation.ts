/** 外国人工作许可证注销申请表 (number page: 工作许可证号码). */
import { defineDocument } from '../define';
import { WP_PERMIT_NUMBER_ENTRY, WP_PERMIT_PREFILL } from './workPermitSources';
import { employerSection, foreignPersonSection } from '../sections';
import { WP_CANCELLATION_TIPS } from '../tips';
import { WP_EVENT_DAYS, wpCancellationSection, wpNoticeMaterials } from '../workPermitSections';

export const workPermitCancellation = defineDocument({
  kind: 'wp-cancellation',
  title: '外国人工作许可证注销申请表',
  titleEn: 'Application for cancellation of the Work Permit',
  applicant: 'foreign',
  sections: [employerSection(), foreignPersonSection({ readOnlyButPassport: true }), wpCancellationSection()],
  tips: [WP_CANCELLATION_TIPS],
  numberEntry: WP_PERMIT_NUMBER_ENTRY,
  printColumn: '申请表打印',
  hasNotice: true,
  noticeMaterials: wpNoticeMaterials('cancellation'),
  list: { title: '外国人工作许可证注销查询', titleEn: 'Work permit cancellation inquiry', route: '/wp-cancellation/query' },
  prefill: WP_PERMIT_PREFILL,
  cancels: { numberField: 'wpPermit.no', permitKind: 'wp-permit' },
  deadline: { eventField: 'wpCancel.eventDate', withinDays: WP_EVENT_DAYS },
});
