import type { Lang } from '../i18n/lang.ts';

/** The wall screens' own words (zh first, en switch with `lang=en`). */
const text = {
  zh: {
    dataAsOf: '数据截至',
    interrupted: '数据更新中断',
    since: '自',
    cached: '本地缓存数据',
    savedAt: '保存于',
    paused: '已暂停',
    preparing: '大屏数据准备中…',
    unreachable: '暂时无法连接服务器，正在重试…',
    revokedTitle: '此大屏的显示令牌已失效',
    revokedHint: '请联系系统管理员重新签发显示令牌（系统管理 › 大屏令牌）。本机缓存的数据已清除。',
    signIn: '请先登录，或使用管理员签发的大屏链接（含显示令牌）',
    empty: '尚无数据',
    unknown: '没有这个大屏',
    badParams: '已忽略无效的参数',
  },
  en: {
    dataAsOf: 'Data as of',
    interrupted: 'Updates interrupted',
    since: 'since',
    cached: 'Cached data',
    savedAt: 'saved',
    paused: 'Paused',
    preparing: 'Preparing the screen…',
    unreachable: 'Cannot reach the server; retrying…',
    revokedTitle: 'This screen’s display token is no longer valid',
    revokedHint: 'Ask an administrator for a new display token (Admin › Screen tokens). The data cached on this device was deleted.',
    signIn: 'Sign in, or open the screen link an administrator issued (with its display token)',
    empty: 'No data yet',
    unknown: 'No such screen',
    badParams: 'Ignored invalid parameters',
  },
} as const;

export type ScreenText = Record<keyof (typeof text)['zh'], string>;
export const screenText = (lang: Lang): ScreenText => text[lang === 'en' ? 'en' : 'zh'];

const hm = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });
const hms = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const ymd = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' });

/** HH:MM in business time (China Standard Time), whatever the display's own time zone. */
export const clockHm = (d: Date) => hm.format(d);
export const clockHms = (d: Date) => hms.format(d);
export const clockDate = (d: Date) => ymd.format(d);
