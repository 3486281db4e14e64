/** 外国人工作许可证变更申请表 (number page: 工作许可证号码). */
import { defineDocument } from '../define';
import { WP_PERMIT_NUMBER_ENTRY, WP_PERMIT_PREFILL } from './workPermitSources';
import { employerSection, foreignPersonSection } from '../sections';
import { WP_CHANGE_TIPS } from '../tips';
import { WP_EVENT_DAYS, wpChangeSection, wpNoticeMaterials } from '../workPermitSections';

export const workPermitChange = defineDocument({
  kind: 'wp-change',
  title: '外国人工作许可证变更申请表',
  titleEn: 'Application for change of the Work Permit',
  applicant: 'foreign',
  sections: [employerSection(), foreignPersonSection({ readOnlyButPassport: true }), wpChangeSection()],
  tips: [WP_CHANGE_TIPS],
  numberEntry: WP_PERMIT_NUMBER_ENTRY,
  printColumn: '申请表打印',
  hasNotice: true,
  noticeMaterials: wpNoticeMaterials('change'),
  list: { title: '外国人工作许可证变更查询', titleEn: 'Work permit change inquiry', route: '/wp-change/query' },
  prefill: WP_PERMIT_PREFILL,
  renews: { numberField: 'wpPermit.no', expiryField: 'wpPermit.expiry', permitKind: 'wp-permit' },
  deadline: { eventField: 'wpChange.eventDate', withinDays: WP_EVENT_DAYS },
});
