/** 外国人来华工作许可申请表 — 外国人来华工作许可通知 (before the person enters on a Z visa). */
import { defineDocument } from '../define';
import { employerSection, employmentSection, foreignPersonSection } from '../sections';
import { WP_NOTICE_REQUIREMENTS, WP_NOTICE_TIPS } from '../tips';
import { wpCircumstanceSection, wpMaterialsSection, wpNoticeMaterials, wpPointsSection } from '../workPermitSections';

export const workPermitNotice = defineDocument({
  kind: 'wp-notice',
  title: '外国人来华工作许可申请表（通知）',
  titleEn: 'Application for the Notice of Work Permit for Foreigners in China',
  applicant: 'foreign',
  sections: [
    employerSection(),
    foreignPersonSection(),
    employmentSection({ reason: true }),
    wpPointsSection(),
    wpCircumstanceSection(),
    wpMaterialsSection('notice'),
  ],
  panels: [
    { panel: 'points', afterSection: 'wp' },
    { panel: 'materials', afterSection: 'wpMaterials', procedure: 'notice' },
  ],
  tips: [WP_NOTICE_TIPS, WP_NOTICE_REQUIREMENTS],
  printColumn: '申请表打印',
  hasNotice: true,
  noticeMaterials: wpNoticeMaterials('notice'),
  list: { title: '外国人来华工作许可通知查询', titleEn: 'Notice of Work Permit inquiry', route: '/wp-notice/query' },
  // a person who held a 就业证 under the manual's process starts from its data
  prefill: { from: ['registration-licensed', 'registration-exempt', 'extension'], copy: ['employer.', 'person.', 'job.'] },
});
