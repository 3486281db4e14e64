/** 外国人工作许可证补办申请表 (number page: 工作许可证号码). */
import { defineDocument } from '../define';
import { WP_PERMIT_NUMBER_ENTRY, WP_PERMIT_PREFILL } from './workPermitSources';
import { employerSection, foreignPersonSection } from '../sections';
import { WP_REISSUE_TIPS } from '../tips';
import { wpReissueSection, wpNoticeMaterials } from '../workPermitSections';

export const workPermitReissue = defineDocument({
  kind: 'wp-reissue',
  title: '外国人工作许可证补办申请表',
  titleEn: 'Application for reissue of the Work Permit',
  applicant: 'foreign',
  sections: [employerSection(), foreignPersonSection({ readOnlyButPassport: true }), wpReissueSection()],
  tips: [WP_REISSUE_TIPS],
  numberEntry: WP_PERMIT_NUMBER_ENTRY,
  printColumn: '申请表打印',
  hasNotice: true,
  noticeMaterials: wpNoticeMaterials('reissue'),
  list: { title: '外国人工作许可证补办查询', titleEn: 'Work permit reissue inquiry', route: '/wp-reissue/query' },
  prefill: WP_PERMIT_PREFILL,
  renews: { numberField: 'wpPermit.no', expiryField: 'wpPermit.expiry', permitKind: 'wp-permit' },
});
