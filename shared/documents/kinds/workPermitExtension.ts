/** 外国人工作许可证延期申请表 (number page: 工作许可证号码). */
import { defineDocument } from '../define';
import { WP_PERMIT_NUMBER_ENTRY, WP_PERMIT_PREFILL } from './workPermitSources';
import { employerSection, foreignPersonSection } from '../sections';
import { WP_EXTENSION_TIPS } from '../tips';
import { wpExtensionSection, wpNoticeMaterials } from '../workPermitSections';

export const workPermitExtension = defineDocument({
  kind: 'wp-extension',
  title: '外国人工作许可证延期申请表',
  titleEn: 'Application for extension of the Work Permit',
  applicant: 'foreign',
  sections: [employerSection(), foreignPersonSection({ readOnlyButPassport: true }), wpExtensionSection()],
  tips: [WP_EXTENSION_TIPS],
  numberEntry: WP_PERMIT_NUMBER_ENTRY,
  printColumn: '申请表打印',
  hasNotice: true,
  noticeMaterials: wpNoticeMaterials('extension'),
  list: { title: '外国人工作许可证延期查询', titleEn: 'Work permit extension inquiry', route: '/wp-extension/query' },
  prefill: WP_PERMIT_PREFILL,
  renews: { numberField: 'wpPermit.no', expiryField: 'wpPermit.newExpiry', permitKind: 'wp-permit' },
});
