import type { Label } from '../../../queries/labels.ts';

/** The UI languages: Chinese first, English on request (`lang=en` in the URL). */
export type Lang = 'zh' | 'en';

export const langs: readonly Lang[] = ['zh', 'en'];

/** A bilingual label in `lang`, falling back to Chinese when the English text is missing. */
export function pick(label: Label | undefined, lang: Lang): string {
  if (!label) return '';
  return (lang === 'en' ? label.en : label.zh) || label.zh;
}
