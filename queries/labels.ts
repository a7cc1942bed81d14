/** A bilingual label; the UI is Chinese first. */
export interface Label {
  zh: string;
  en: string;
}
