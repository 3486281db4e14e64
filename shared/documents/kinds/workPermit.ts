/** 外国人来华工作许可申请表 — 外国人工作许可证 (after entry; number page: 工作许可通知编号). */
import { WP_CIRCUMSTANCE_FIELDS, WP_POINTS_FIELDS } from '../../workPermit/fields';
import { defineDocument } from '../define';
import { workPermitNoEntryCheck } from '../numbers';
import { employerSection, employmentSection, foreignPersonSection, visaSection } from '../sections';
import { WP_PERMIT_TIPS } from '../tips';
import { wpCircumstanceSection, wpMaterialsSection, wpNoticeMaterials, wpNoticeNoSection, wpPointsSection } from '../workPermitSections';

const WP_DATA_KEYS = [...WP_POINTS_FIELDS, ...WP_CIRCUMSTANCE_FIELDS].map((f) => f.key);

export const workPermit = defineDocument({
  kind: 'wp-permit',
  title: '外国人来华工作许可申请表（工作许可证）',
  titleEn: 'Application for the Work Permit for Foreigners in China',
  applicant: 'foreign',
  sections: [
    employerSection(),
    foreignPersonSection(),
    employmentSection({ reason: true }),
    wpNoticeNoSection(),
    visaSection(),
    wpPointsSection(),
    wpCircumstanceSection(),
    wpMaterialsSection('permit'),
  ],
  panels: [
    { panel: 'points', afterSection: 'wp' },
    { panel: 'materials', afterSection: 'wpMaterials', procedure: 'permit' },
  ],
  tips: [WP_PERMIT_TIPS],
  numberEntry: {
    label: '工作许可通知编号',
    labelEn: 'Work permit notice number',
    fieldKey: 'wpNotice.no',
    sourceKinds: ['wp-notice'],
    validate: workPermitNoEntryCheck('notice'),
  },
  printColumn: '申请表打印',
  hasNotice: true,
  noticeMaterials: wpNoticeMaterials('permit'),
  list: { title: '外国人工作许可证查询', titleEn: 'Work permit inquiry', route: '/wp-permit/query' },
  // the points data carries over; the attachments belong to the notice's own file
  prefill: { from: ['wp-notice'], copy: ['employer.', 'person.', 'job.', ...WP_DATA_KEYS], numberField: 'wpNotice.no' },
});
