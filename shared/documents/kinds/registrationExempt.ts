/**
 * 《外国人就业登记表》 for a person exempt from the license: opened from the 【填写】 link of an
 * approved recruitment application, to which the record is linked by its sourceId.
 */
import { defineDocument } from '../define';
import { employerSection, employmentSection, foreignPersonSection, visaSection } from '../sections';

export const registrationExempt = defineDocument({
  kind: 'registration-exempt',
  title: '《外国人就业登记表》',
  titleEn: 'Registration form',
  applicant: 'foreign',
  sections: [employerSection(), foreignPersonSection(), employmentSection(), visaSection()],
  tips: [],
  printColumn: '就业表打印',
  hasNotice: true,
  list: {
    title: '《外国人就业登记表》查询（免办就业许可证书）',
    titleEn: 'Registration forms — exempted from the employment license',
    route: '/records/registration-exempt/list',
  },
  prefill: { from: ['recruitment'], copy: ['employer.', 'person.', 'job.'] },
});
