/** 《台湾香港澳门居民在内地就业证申请表》. */
import { defineDocument } from '../define';
import { employerSection, employmentSection, hmtPersonSection } from '../sections';
import { HMT_PERMIT_TIPS } from '../tips';

export const hmtPermit = defineDocument({
  kind: 'hmt-permit',
  title: '《台湾香港澳门居民在内地就业证申请表》',
  titleEn: 'Application for the employment permit of Taiwan, Hong Kong and Macao residents in the Mainland',
  applicant: 'hmt',
  sections: [employerSection(), hmtPersonSection(), employmentSection()],
  tips: [HMT_PERMIT_TIPS],
  printColumn: '就业表打印',
  hasNotice: true,
  list: { title: '台港澳人员就业证查询', titleEn: 'Taiwan, Hong Kong and Macao residents: employment permit inquiry', route: '/hmt-permit/query' },
});
