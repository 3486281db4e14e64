/** 《外国人就业登记表》 for a person holding an employment license (number page: 就业许可证书号码). */
import { defineDocument } from '../define';
import { licenseNoEntryCheck } from '../numbers';
import { employerSection, employmentSection, foreignPersonSection, licenseNoSection, visaSection } from '../sections';
import { REGISTRATION_TIPS } from '../tips';

export const registrationLicensed = defineDocument({
  kind: 'registration-licensed',
  title: '《外国人就业登记表》',
  titleEn: 'Registration form',
  applicant: 'foreign',
  sections: [employerSection(), foreignPersonSection(), employmentSection(), licenseNoSection(), visaSection()],
  tips: [REGISTRATION_TIPS],
  numberEntry: {
    label: '就业许可证书号码',
    labelEn: 'Employment license number',
    fieldKey: 'licenseNo',
    sourceKinds: ['license'],
    validate: licenseNoEntryCheck,
  },
  printColumn: '就业表打印',
  hasNotice: true,
  list: {
    title: '《外国人就业登记表》查询（已办就业许可证书）',
    titleEn: 'Registration forms — employment license acquired',
    route: '/records/registration-licensed/list',
  },
  prefill: { from: ['license'], copy: ['employer.', 'person.', 'job.'], numberField: 'licenseNo' },
});
