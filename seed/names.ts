/**
 * Name pools of the generator: departments and their subordinate units, regions, people, companies and projects.
 * Every name is free of ASCII commas and quotes, so CSV fields never need quoting.
 */
import type { Rng } from './random.ts';

export type UnitKind = 'office' | 'school' | 'hospital' | 'institution' | 'police';

export interface SubUnitDef {
  /** Suffix after the region's prefix; `#` is replaced by a Chinese ordinal (第一, 第二, …) for numbered units. */
  name: string;
  func: string;
  kind: UnitKind;
  numbered?: boolean;
}

export interface DeptDef {
  code: string;
  name: string;
  /** 功能分类 项 of the department's own office. */
  func: string;
  /** Relative number of subordinate units. */
  weight: number;
  subs: SubUnitDef[];
}

const inst = (name: string, func: string, numbered = false): SubUnitDef => ({ name, func, kind: 'institution', numbered });

/** Supervising departments (主管部门). `204` 教育局 as in DOMAIN.md; the other codes are this generator's choice. */
export const DEPTS: readonly DeptDef[] = [
  { code: '101', name: '党委办公室', func: '2013101', weight: 0.3, subs: [inst('党校', '2050802')] },
  { code: '102', name: '人大常委会办公室', func: '2010101', weight: 0, subs: [] },
  { code: '103', name: '政府办公室', func: '2010301', weight: 0.5, subs: [inst('机关事务服务中心', '2010303'), inst('信访接待中心', '2010308')] },
  { code: '104', name: '发展和改革委员会', func: '2010401', weight: 0.2, subs: [inst('价格监测中心', '2010450')] },
  { code: '106', name: '统计局', func: '2010501', weight: 0.2, subs: [inst('统计普查中心', '2010550')] },
  { code: '107', name: '财政局', func: '2010601', weight: 0.4, subs: [inst('国库支付中心', '2010650'), inst('财政投资评审中心', '2010650')] },
  { code: '108', name: '审计局', func: '2010801', weight: 0, subs: [] },
  { code: '110', name: '纪委监委', func: '2011101', weight: 0, subs: [] },
  { code: '113', name: '商务局', func: '2011301', weight: 0, subs: [] },
  {
    code: '131', name: '公安局', func: '2040201', weight: 1.2,
    subs: [
      { name: '#派出所', func: '2040201', kind: 'police', numbered: true },
      { name: '交通警察大队', func: '2040201', kind: 'police' },
      { name: '看守所', func: '2040221', kind: 'police' },
    ],
  },
  { code: '133', name: '司法局', func: '2040601', weight: 0.4, subs: [inst('#司法所', '2040604', true), inst('法律援助中心', '2040610')] },
  {
    code: '204', name: '教育局', func: '2050101', weight: 4,
    subs: [
      { name: '#小学', func: '2050202', kind: 'school', numbered: true },
      { name: '#中学', func: '2050203', kind: 'school', numbered: true },
      { name: '#幼儿园', func: '2050201', kind: 'school', numbered: true },
      { name: '高级中学', func: '2050204', kind: 'school' },
      { name: '职业技术学校', func: '2050302', kind: 'school' },
      { name: '特殊教育学校', func: '2050701', kind: 'school' },
    ],
  },
  { code: '206', name: '科学技术局', func: '2060101', weight: 0.2, subs: [inst('科学技术协会', '2060702'), inst('农业科学研究所', '2060401')] },
  {
    code: '207', name: '文化体育广电和旅游局', func: '2070101', weight: 0.6,
    subs: [inst('图书馆', '2070104'), inst('文化馆', '2070109'), inst('博物馆', '2070205'), inst('体育中心', '2070308'), inst('融媒体中心', '2070808')],
  },
  { code: '208', name: '人力资源和社会保障局', func: '2080101', weight: 0.5, subs: [inst('社会保险事业管理中心', '2080109'), inst('公共就业服务中心', '2080150')] },
  { code: '209', name: '民政局', func: '2080201', weight: 0.4, subs: [inst('社会福利院', '2081002'), inst('儿童福利院', '2081001')] },
  {
    code: '210', name: '卫生健康委员会', func: '2100101', weight: 2.5,
    subs: [
      { name: '人民医院', func: '2100201', kind: 'hospital' },
      { name: '中医医院', func: '2100202', kind: 'hospital' },
      { name: '疾病预防控制中心', func: '2100401', kind: 'institution' },
      { name: '妇幼保健院', func: '2100206', kind: 'hospital' },
      { name: '#社区卫生服务中心', func: '2100301', kind: 'hospital', numbered: true },
      { name: '卫生监督所', func: '2100402', kind: 'institution' },
    ],
  },
  { code: '211', name: '生态环境局', func: '2110101', weight: 0.2, subs: [inst('环境监测站', '2110150')] },
  {
    code: '212', name: '住房和城乡建设局', func: '2120101', weight: 0.6,
    subs: [inst('城市管理综合执法大队', '2120104'), inst('市政工程管理处', '2120399'), inst('环境卫生管理所', '2120501')],
  },
  {
    code: '213', name: '农业农村局', func: '2130101', weight: 1.2,
    subs: [inst('农业技术推广中心', '2130150'), inst('畜牧兽医工作站', '2130108'), inst('农机推广站', '2130122'), inst('植物保护站', '2130108')],
  },
  { code: '214', name: '交通运输局', func: '2140101', weight: 0.4, subs: [inst('#公路管理段', '2140106', true), inst('运输管理所', '2140112')] },
  { code: '215', name: '工业和信息化局', func: '2150501', weight: 0, subs: [] },
  { code: '220', name: '自然资源和规划局', func: '2200101', weight: 0.3, subs: [inst('不动产登记中心', '2200109'), inst('国土资源调查所', '2200106')] },
  { code: '222', name: '粮食和物资储备局', func: '2220101', weight: 0.2, subs: [inst('粮食储备库', '2220115')] },
  { code: '224', name: '应急管理局', func: '2240101', weight: 0.3, subs: [inst('应急救援中心', '2240108'), inst('消防救援大队', '2240204')] },
  { code: '225', name: '水利局', func: '2130301', weight: 0.8, subs: [inst('#水利管理站', '2130306', true), inst('防汛抗旱服务中心', '2130314'), inst('农村供水站', '2130335')] },
  { code: '226', name: '林业和草原局', func: '2130201', weight: 0.3, subs: [inst('林业工作站', '2130205'), inst('草原工作站', '2130234')] },
];

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 14 → 十四, 21 → 二十一. */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 100) return DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? DIGITS[n % 10] : '');
  return String(n);
}

/** Regiment names read digit by digit above 100 (一四三团) and as numbers below (十团, 二十一团). */
export const regimentName = (n: number): string =>
  (n >= 100 ? String(n).split('').map((d) => (d === '0' ? '〇' : DIGITS[Number(d)])).join('') : chineseNumber(n)) + '团';

/** The 14 divisions of the reference deployment with their cities (师市合一). */
export const DIVISIONS: ReadonlyArray<[name: string, city: string]> = [
  ['第一师', '阿拉尔市'], ['第二师', '铁门关市'], ['第三师', '图木舒克市'], ['第四师', '可克达拉市'], ['第五师', '双河市'],
  ['第六师', '五家渠市'], ['第七师', '胡杨河市'], ['第八师', '石河子市'], ['第九师', '白杨市'], ['第十师', '北屯市'],
  ['第十一师', ''], ['第十二师', ''], ['第十三师', '新星市'], ['第十四师', '昆玉市'],
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国志文辉力斌波宁鹏飞雪梅琳晶颖婷鑫浩宇航博轩晨阳欣怡佳慧雅丹萍鹤松柏林海涛峰岩光荣新春秋冬东亮凯俊彬琪瑶蕾薇倩莉翔龙云霖';

/** A Chinese personal name (姓 + one or two given characters). */
export function personName(rng: Rng): string {
  const s = SURNAMES[rng.int(0, SURNAMES.length - 1)];
  const g1 = GIVEN[rng.int(0, GIVEN.length - 1)];
  return rng.chance(0.7) ? s + g1 + GIVEN[rng.int(0, GIVEN.length - 1)] : s + g1;
}

const BRAND = [
  '天山', '昆仑', '金盛', '宏达', '恒通', '华信', '鑫源', '润泽', '博远', '盛世', '鼎盛', '绿洲', '丝路', '天润', '瑞丰', '新源', '远航', '中天',
  '汇通', '广厦', '正和', '百川', '嘉禾', '同创', '锦程', '万通', '泰和', '永安', '腾飞', '明德', '金桥', '西域', '胡杨', '雪莲', '银河', '长城',
  '大地', '宏远', '晨光', '聚力', '安泰', '德润', '兴业', '四方', '众诚', '凯达', '顺达', '新科', '立信', '北庭',
];

/** Kinds of supplier, by what they are paid for. */
export type SupplierKind = 'construction' | 'goods' | 'it' | 'service' | 'catering' | 'vehicle' | 'medical' | 'travel' | 'print';
const SUPPLIER_PATTERNS: Record<SupplierKind, string[]> = {
  construction: ['{p}{b}建设工程有限公司', '{p}{b}建筑安装工程有限责任公司', '{c}{b}路桥工程有限公司', '{p}{b}水利水电工程有限公司'],
  goods: ['{c}{b}商贸有限公司', '{c}{b}办公用品有限公司', '{c}{b}物资有限责任公司'],
  it: ['{p}{b}科技有限公司', '{c}{b}信息技术有限公司', '{p}{b}软件有限公司'],
  service: ['{c}{b}物业服务有限公司', '{c}{b}保洁服务有限公司', '{p}{b}工程咨询有限公司', '{p}{b}会计师事务所有限公司'],
  catering: ['{c}{b}宾馆', '{c}{b}餐饮管理有限公司', '{c}{b}大酒店有限公司'],
  vehicle: ['{c}{b}汽车服务有限公司', '{c}{b}汽车销售有限公司', '{c}{b}加油站'],
  medical: ['{p}{b}医疗器械有限公司', '{p}{b}医药有限公司'],
  travel: ['{p}{b}国际旅行社有限公司'],
  print: ['{c}{b}印务有限公司', '{c}{b}广告传媒有限公司'],
};

/** A company name: `{p}` province short name, `{c}` city or place, `{b}` brand. */
export function companyName(rng: Rng, kind: SupplierKind, province: string, place: string): string {
  return rng
    .pick(SUPPLIER_PATTERNS[kind])
    .replace('{p}', province)
    .replace('{c}', place)
    .replace('{b}', rng.pick(BRAND) + (rng.chance(0.3) ? rng.pick(BRAND) : ''));
}

/** 特定目标类 project names by the unit's kind. */
export const KIND3_PROJECTS: Record<UnitKind, string[]> = {
  office: ['信息化建设项目', '办公用房维修改造项目', '专项业务工作经费', '档案数字化项目', '执法装备购置项目'],
  school: ['校舍维修改造项目', '教学设备购置项目', '学生资助项目', '智慧校园建设项目', '学校运动场改造项目'],
  hospital: ['医疗设备购置项目', '基本公共卫生服务项目', '院区基础设施改造项目', '重大公共卫生服务项目'],
  institution: ['业务能力建设项目', '基础设施维修项目', '专用设备购置项目', '公益服务专项'],
  police: ['执法办案装备购置项目', '公安信息化建设项目', '警用车辆更新项目', '看守所改造项目'],
};

/** Names of 上级转移支付 lines by the receiving unit's kind. */
export const TRANSFER_PROJECTS: Record<UnitKind, string[]> = {
  office: ['中央财政衔接推进乡村振兴补助资金', '中央基建投资', '农业相关转移支付资金', '公共文化服务体系建设专项资金', '车辆购置税收入补助地方资金'],
  school: ['城乡义务教育补助经费', '学前教育发展资金', '改善普通高中学校办学条件补助资金'],
  hospital: ['基本公共卫生服务补助资金', '医疗服务与保障能力提升补助资金', '重大传染病防控经费'],
  institution: ['中央基建投资', '农业相关转移支付资金', '公共文化服务体系建设专项资金'],
  police: ['公共安全补助资金', '政法转移支付资金'],
};

/** County names of the fictional `province` scale, built from pairs of characters. */
const PLACE_CHARS = '长丰安宁平和泰兴阳山河城定远清源临泉怀宿青石台湖溪林昌乐新华庆福永嘉兰武灵宝云川丹凤南北东西';
export function placeName(rng: Rng): string {
  const a = PLACE_CHARS[rng.int(0, PLACE_CHARS.length - 1)];
  let b = PLACE_CHARS[rng.int(0, PLACE_CHARS.length - 1)];
  while (b === a) b = PLACE_CHARS[rng.int(0, PLACE_CHARS.length - 1)];
  return a + b;
}
