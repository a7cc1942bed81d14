import { useEffect, useState } from 'react';
import { useDataState } from '../data/data-context.tsx';
import { runSql } from '../data/slice.ts';
import type { ScopeInput, ScopeNames } from './scope.ts';

export type ScopeLookup =
  /** The data tables are not in the browser (an administrator without a data role): names cannot be looked up. */
  | { status: 'unavailable' }
  | { status: 'loading' }
  | { status: 'found'; names: ScopeNames }
  | { status: 'missing'; message: string };

/**
 * Looks up the names of a scope's region, department or unit in the tables already loaded into the browser for the
 * signed-in user (their own scope, which is also the widest scope they may assign).
 */
export function useScopeNames(scope: ScopeInput | null): ScopeLookup {
  const data = useDataState();
  const ready = data.phase === 'ready' ? data.data : null;
  const key = scope ? `${scope.mofDivCode}:${scope.kind === 'dept' ? scope.deptCode : scope.kind === 'agency' ? scope.agencyCode : ''}` : null;
  const [found, setFound] = useState<{ key: string; value: ScopeLookup } | null>(null);

  useEffect(() => {
    if (!ready || !scope || !key) return;
    let live = true;
    const region = ready.regions.get(scope.mofDivCode);
    const done = (value: ScopeLookup) => live && setFound({ key, value });
    if (!region) {
      done({ status: 'missing', message: `未找到财政区划 ${scope.mofDivCode}（或不在本人范围内）` });
    } else if (scope.kind === 'region') {
      done({ status: 'found', names: { region: region.name } });
    } else {
      const sub = scope.kind === 'dept' ? scope.deptCode : scope.agencyCode;
      const sql =
        scope.kind === 'dept'
          ? 'SELECT dept_name AS name FROM dim_agency WHERE mof_div_code = ? AND dept_code = ? LIMIT 1'
          : 'SELECT agency_name AS name FROM dim_agency WHERE mof_div_code = ? AND agency_code = ?';
      runSql({ sql, params: [scope.mofDivCode, sub] }).then(
        (rows) => {
          const what = scope.kind === 'dept' ? '部门' : '单位';
          if (rows.length === 0) done({ status: 'missing', message: `${region.name}下未找到${what} ${sub}` });
          else done({ status: 'found', names: { region: region.name, [scope.kind]: rows[0].name == null ? null : String(rows[0].name) } });
        },
        () => done({ status: 'found', names: { region: region.name } }),
      );
    }
    return () => {
      live = false;
    };
    // `key` identifies the scope; `ready.version` changes when tables reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, ready?.version]);

  if (!scope) return { status: 'unavailable' };
  if (!ready) return { status: 'unavailable' };
  return found?.key === key ? found.value : { status: 'loading' };
}

/** A region's name from the tables in the browser, when there are any (else always undefined). */
export function useRegionNames(): (code: string) => string | undefined {
  const data = useDataState();
  const regions = data.phase === 'ready' ? data.data.regions : null;
  return (code) => regions?.get(code)?.name;
}
