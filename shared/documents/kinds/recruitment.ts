/** 《聘用外国人就业申请表》 — for persons exempt from the license (Art. 9–10). */
import { defineDocument } from '../define';
import { employerSection, employmentSection, exemptionSection, foreignPersonSection, policeSection } from '../sections';

export const recruitment = defineDocument({
  kind: 'recruitment',
  title: '《聘用外国人就业申请表》',
  titleEn: 'Application for recruiting foreign worker in China',
  applicant: 'foreign',
  sections: [employerSection({ authority: true }), foreignPersonSection(), employmentSection(), exemptionSection(), policeSection()],
  tips: [],
  printColumn: '申请表打印',
  hasNotice: false,
  list: {
    title: '《聘用外国人就业申请表》查询',
    titleEn: 'Inquiry: application for recruiting foreign worker in China',
    route: '/records/recruitment/list',
    registrationKind: 'registration-exempt',
  },
});
