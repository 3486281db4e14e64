/** 外国人就业许可延期申请表 (number page: 就业证号码). */
import { defineDocument } from '../define';
import { permitNoEntryCheck } from '../numbers';
import { employerSection, foreignPersonSection, permitExtensionSection } from '../sections';
import { EXTENSION_TIPS } from '../tips';

export const extension = defineDocument({
  kind: 'extension',
  title: '《外国人就业许可延期申请表》',
  titleEn: 'Application for extension of the Alien Employment Permit',
  applicant: 'foreign',
  sections: [employerSection(), foreignPersonSection({ readOnlyButPassport: true }), permitExtensionSection()],
  tips: [EXTENSION_TIPS],
  numberEntry: {
    label: '就业证号码',
    labelEn: 'Employment permit number',
    fieldKey: 'permit.no',
    sourceKinds: ['registration-licensed', 'registration-exempt'],
    validate: permitNoEntryCheck('foreign'),
  },
  printColumn: '申请打印',
  hasNotice: true,
  list: { title: '外国人就业证延期申请查询', titleEn: 'Employment permit extension inquiry', route: '/extension/query' },
  prefill: {
    from: ['registration-licensed', 'registration-exempt'],
    copy: ['employer.', 'person.'],
    numberField: 'permit.no',
    expiryField: 'permit.expiry',
  },
  renews: { numberField: 'permit.no', expiryField: 'permit.newExpiry', permitKind: 'registration-licensed' },
});
