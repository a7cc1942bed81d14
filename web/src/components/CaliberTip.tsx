import { useId } from 'react';
import type { Metric } from '../../../queries/metrics/define.ts';
import { useI18n } from '../i18n/context.tsx';

/** 口径 of a metric from its definition, as a small ⓘ with a popover on hover or keyboard focus. */
export function CaliberTip({ metric }: { metric: Metric }) {
  const id = useId();
  const { t, label, lang } = useI18n();
  const colon = lang === 'en' ? ': ' : '：';
  const name = label(metric.label);
  return (
    <span className="caliber" tabIndex={0} aria-describedby={id} aria-label={t('caliber.aria', { name })} data-testid={`caliber-${metric.id}`}>
      <span aria-hidden="true">ⓘ</span>
      <span role="tooltip" id={id} className="caliber-pop">
        <strong>{name}</strong>
        <span>
          {t('caliber.definition')}{colon}{label(metric.caliber.definition)}
        </span>
        <span>
          {t('caliber.fundTypes')}{colon}{label(metric.caliber.fundTypes)}
        </span>
        {metric.caliber.denominator ? (
          <span>
            {t('caliber.denominator')}{colon}{label(metric.caliber.denominator)}
          </span>
        ) : null}
      </span>
    </span>
  );
}
