import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Label } from '../../../queries/labels.ts';
import { pick, type Lang } from './lang.ts';
import { translate, type MessageKey } from './messages.ts';

export interface I18n {
  lang: Lang;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** A definition's bilingual label in the current language. */
  label: (l: Label | undefined) => string;
}

const make = (lang: Lang): I18n => ({ lang, t: (key, vars) => translate(lang, key, vars), label: (l) => pick(l, lang) });

/** Exported for class components (static contextType); others use {@link useI18n}. */
export const I18nContext = createContext<I18n>(make('zh'));

/** The page's language, from its URL (`lang`), for every component below. */
export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  const value = useMemo(() => make(lang), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = () => useContext(I18nContext);
