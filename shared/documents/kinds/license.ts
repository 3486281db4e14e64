/** 《外国人就业许可证书》申请表 — the employment license application. */
import { defineDocument } from '../define';
import { employerSection, employmentSection, foreignPersonSection, policeSection } from '../sections';
import { LICENSE_REQUIREMENTS, LICENSE_TIPS } from '../tips';

export const license = defineDocument({
  kind: 'license',
  title: '《外国人就业许可证书》申请表',
  titleEn: 'Application for the Alien Employment License',
  applicant: 'foreign',
  sections: [
    employerSection({ authority: true }),
    foreignPersonSection(),
    employmentSection({ reason: true }),
    policeSection(),
  ],
  tips: [LICENSE_TIPS, LICENSE_REQUIREMENTS],
  printColumn: '就业许可表',
  hasNotice: true,
  list: { title: '《外国人就业许可证书》查询', titleEn: 'Alien Employment License inquiry', route: '/license/query' },
});
