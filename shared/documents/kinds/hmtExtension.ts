/** 《台湾香港澳门居民在内地就业许可延期申请表》 (number page: 就业证号码). */
import { defineDocument } from '../define';
import { permitNoEntryCheck } from '../numbers';
import { employerSection, hmtPersonSection, permitExtensionSection } from '../sections';
import { HMT_EXTENSION_TIPS } from '../tips';

export const hmtExtension = defineDocument({
  kind: 'hmt-extension',
  title: '《台湾香港澳门居民在内地就业许可延期申请表》',
  titleEn: 'Application for extension of the employment permit of Taiwan, Hong Kong and Macao residents in the Mainland',
  applicant: 'hmt',
  sections: [employerSection(), hmtPersonSection({ readOnlyButDocument: true }), permitExtensionSection()],
  tips: [HMT_EXTENSION_TIPS],
  numberEntry: {
    label: '就业证号码',
    labelEn: 'Employment permit number',
    fieldKey: 'permit.no',
    sourceKinds: ['hmt-permit'],
    validate: permitNoEntryCheck('hmt'),
  },
  printColumn: '申请表打印',
  hasNotice: true,
  list: {
    title: '台港澳人员就业证延期申请查询',
    titleEn: 'Taiwan, Hong Kong and Macao residents: permit extension inquiry',
    route: '/hmt-extension/query',
  },
  prefill: {
    from: ['hmt-permit'],
    copy: ['employer.', 'hmt.'],
    numberField: 'permit.no',
    expiryField: 'permit.expiry',
  },
  renews: { numberField: 'permit.no', expiryField: 'permit.newExpiry', permitKind: 'hmt-permit' },
});
