/**
 * The sandbox bureau's seeded enterprises and the certificates they already hold. Listed in
 * tests/sandbox/README.md. Every USCC carries a correct GB 32100-2015 check character
 * (tests/integration/sandbox.test.ts checks it with shared/validation's checkUscc).
 *
 * hr@zhujiang-tech.example.cn is the enterprise of tests/fixtures/documents.ts (FIXTURE_PROFILE),
 * and holds the certificates those fixtures refer to (GZ20260000123, E20250000456, T20250000789),
 * so fixture records submit and prefill against the sandbox as they are.
 */
import type { EnterpriseProfile } from '../../shared/bridge/contract';
import type { CertificateKind } from '../../shared/documents/numbers';
import type { FormValues } from '../../shared/documents/types';
import { addDays, addYears } from '../../shared/validation/dates';
import { solidPngDataUrl } from './photo';

export interface DemoAccount {
  readonly email: string;
  readonly password: string;
  readonly profile: EnterpriseProfile;
  /** one line for the README */
  readonly note: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: 'demo@example.com',
    password: 'demo-password',
    note: '私营企业，天河区；已有就业许可证书、外国人就业证、台港澳人员就业证各一份 / private company with one license and two permits',
    profile: {
      email: 'demo@example.com',
      name: '广州示例科技有限公司',
      uscc: '91440106MA5CQ8R2X9',
      address: '广州市天河区天河路385号太古汇一座28楼',
      postcode: '510620',
      type: '私营企业',
      legalRep: '张伟',
      contact: '刘芳',
      phone: '020-85201234',
    },
  },
  {
    email: 'hr@zhujiang-tech.example.cn',
    password: 'zhujiang-password',
    note: 'tests/fixtures 的企业（FIXTURE_PROFILE），持有 GZ20260000123、E20250000456、T20250000789 / the fixtures\' enterprise',
    profile: {
      email: 'hr@zhujiang-tech.example.cn',
      name: '广州珠江智造科技有限公司',
      uscc: '91440106MA59C8K3XK',
      address: '广州市天河区珠江新城华夏路10号20楼',
      postcode: '510623',
      type: '外商投资企业',
      legalRep: '李建华',
      contact: '王晓敏',
      phone: '020-38881234',
    },
  },
  {
    email: 'hr@lingnan-trade.example.com',
    password: 'lingnan-password',
    note: '港澳台商投资企业，南沙区；持有一份台港澳人员就业证 / Hong Kong-invested company with one HMT permit',
    profile: {
      email: 'hr@lingnan-trade.example.com',
      name: '广州岭南港澳贸易有限公司',
      uscc: '91440115MA9W3L6D06',
      address: '广州市南沙区海滨路171号南沙金融大厦11楼',
      postcode: '511458',
      type: '港澳台商投资企业',
      legalRep: '何志强',
      contact: '梁嘉欣',
      phone: '020-39001234',
    },
  },
];

export interface SeedCertificate {
  readonly email: string;
  readonly documentKind: CertificateKind;
  /** a fixed number, or null to issue the next one of the seeding year */
  readonly number: string | null;
  readonly holder: FormValues;
  readonly expiry?: string;
}

function employer(profile: EnterpriseProfile): FormValues {
  return {
    'employer.name': profile.name,
    'employer.uscc': profile.uscc,
    'employer.address': profile.address,
    'employer.postcode': profile.postcode,
    'employer.type': profile.type,
    'employer.legalRep': profile.legalRep,
    'employer.contact': profile.contact,
    'employer.phone': profile.phone,
  };
}

function job(title: string, district: string, start: string, end: string, salary: string): FormValues {
  return { 'job.title': title, 'job.district': district, 'job.start': start, 'job.end': end, 'job.salary': salary };
}

/** The certificates seeded with the accounts; dates of the demo ones are relative to `today`. */
export function seedCertificates(today: string): SeedCertificate[] {
  const [demo, zhujiang, lingnan] = DEMO_ACCOUNTS;
  if (!demo || !zhujiang || !lingnan) throw new Error('demo accounts missing');
  const photoA = solidPngDataUrl([0xdd, 0xe8, 0xf4]);
  const photoB = solidPngDataUrl([0xf4, 0xe8, 0xdd]);

  const kowalska: FormValues = {
    'person.nameEn': 'ANNA KOWALSKA',
    'person.sex': '女',
    'person.birthDate': '1988-06-14',
    'person.birthPlace': 'KRAKOW',
    'person.nationality': 'PL',
    'person.passportType': '普通护照',
    'person.passportNo': 'EK4729183',
    'person.passportExpiry': '2033-05-31',
    'person.education': '博士研究生',
    'person.major': '材料科学',
    'person.marital': '已婚',
    'person.health': '健康',
    'person.previousOccupation': '研究员',
    'person.priorChinaWork': '无',
    'person.photo': photoA,
  };
  const miller: FormValues = {
    'person.nameEn': 'DAVID JAMES MILLER',
    'person.nameZh': '米勒',
    'person.sex': '男',
    'person.birthDate': '1982-11-02',
    'person.birthPlace': 'BOSTON',
    'person.nationality': 'US',
    'person.passportType': '普通护照',
    'person.passportNo': '567123498',
    'person.passportExpiry': '2032-09-30',
    'person.education': '大学本科',
    'person.major': '计算机科学',
    'person.marital': '已婚',
    'person.health': '健康',
    'person.previousOccupation': '软件架构师',
    'person.priorChinaWork': '有',
    'person.photo': photoB,
  };
  const smith: FormValues = {
    'person.nameEn': 'JOHN MICHAEL SMITH',
    'person.nameZh': '史密斯',
    'person.sex': '男',
    'person.birthDate': '1985-04-12',
    'person.birthPlace': 'LONDON',
    'person.nationality': 'GB',
    'person.passportType': '普通护照',
    'person.passportNo': '533281947',
    'person.passportExpiry': '2032-03-15',
    'person.education': '硕士研究生',
    'person.major': '机械工程',
    'person.marital': '已婚',
    'person.health': '健康',
    'person.previousOccupation': '工程师',
    'person.priorChinaWork': '无',
    'person.photo': photoA,
  };
  const wong: FormValues = {
    'hmt.name': '黄志伟',
    'hmt.sex': '男',
    'hmt.birthDate': '1987-03-18',
    'hmt.residentType': '香港居民',
    'hmt.docType': '港澳居民来往内地通行证',
    'hmt.docNo': 'H12345678',
    'hmt.docExpiry': '2031-04-30',
    'hmt.education': '大学本科',
    'hmt.address': '广州市天河区体育西路111号',
    'hmt.phone': '13711112222',
    'hmt.photo': photoB,
  };
  const lin: FormValues = {
    'hmt.name': '林雅婷',
    'hmt.sex': '女',
    'hmt.birthDate': '1992-07-20',
    'hmt.residentType': '台湾居民',
    'hmt.docType': '台湾居民来往大陆通行证',
    'hmt.docNo': '08123456',
    'hmt.docExpiry': '2030-05-31',
    'hmt.education': '硕士研究生',
    'hmt.address': '广州市番禺区市桥街光明北路288号',
    'hmt.phone': '13812345678',
    'hmt.photo': photoA,
  };
  const ho: FormValues = {
    'hmt.name': '何嘉琪',
    'hmt.sex': '女',
    'hmt.birthDate': '1990-10-08',
    'hmt.residentType': '澳门居民',
    'hmt.docType': '港澳居民来往内地通行证',
    'hmt.docNo': 'M87654321',
    'hmt.docExpiry': '2032-01-31',
    'hmt.education': '大学本科',
    'hmt.address': '广州市南沙区进港大道38号',
    'hmt.phone': '13622223333',
    'hmt.photo': photoB,
  };

  const demoLicenseStart = addDays(today, 45);
  const demoPermitEnd = addDays(today, 20);
  const demoHmtEnd = addDays(today, 25);
  const lingnanEnd = addDays(today, 40);
  return [
    {
      email: demo.email,
      documentKind: 'license',
      number: null,
      holder: { ...employer(demo.profile), ...kowalska, ...job('新材料研发主管', '黄埔区', demoLicenseStart, addDays(addYears(demoLicenseStart, 2), -1), '32000') },
    },
    {
      email: demo.email,
      documentKind: 'registration-licensed',
      number: null,
      holder: { ...employer(demo.profile), ...miller, ...job('首席软件架构师', '天河区', addDays(addYears(demoPermitEnd, -2), 1), demoPermitEnd, '45000') },
      expiry: demoPermitEnd,
    },
    {
      email: demo.email,
      documentKind: 'hmt-permit',
      number: null,
      holder: { ...employer(demo.profile), ...wong, ...job('市场总监', '天河区', addDays(addYears(demoHmtEnd, -3), 1), demoHmtEnd, '30000') },
      expiry: demoHmtEnd,
    },
    {
      email: zhujiang.email,
      documentKind: 'license',
      number: 'GZ20260000123',
      holder: { ...employer(zhujiang.profile), ...smith, ...job('高级机械工程师', '天河区', '2027-01-04', '2028-12-31', '35000') },
    },
    {
      email: zhujiang.email,
      documentKind: 'registration-licensed',
      number: 'E20250000456',
      holder: { ...employer(zhujiang.profile), ...smith, ...job('高级机械工程师', '天河区', '2025-01-06', '2026-12-20', '33000') },
      expiry: '2026-12-20',
    },
    {
      email: zhujiang.email,
      documentKind: 'hmt-permit',
      number: 'T20250000789',
      holder: { ...employer(zhujiang.profile), ...lin, ...job('市场部主管', '番禺区', '2025-01-02', '2026-12-15', '26000') },
      expiry: '2026-12-15',
    },
    {
      email: lingnan.email,
      documentKind: 'hmt-permit',
      number: null,
      holder: { ...employer(lingnan.profile), ...ho, ...job('跨境贸易经理', '南沙区', addDays(addYears(lingnanEnd, -2), 1), lingnanEnd, '22000') },
      expiry: lingnanEnd,
    },
  ];
}
