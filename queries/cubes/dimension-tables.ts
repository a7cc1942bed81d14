import type { Label } from '../labels.ts';

/** A small table of names shipped to the browser beside the cubes (regions, units, code lists). */
export interface DimensionTable {
  readonly id: string;
  readonly label: Label;
  /** Table name in DuckDB. */
  readonly table: string;
  readonly columns: ReadonlyArray<{ id: string; storage: 'int16' | 'int32' | 'code' | 'text' }>;
  /** PostgreSQL that lists the rows (no parameters). */
  readonly sql: string;
  /** How a user's scope limits the rows: by the region tree, by unit, or not at all (code lists). */
  readonly scoping: 'region' | 'agency' | 'none';
}

export const regionTable: DimensionTable = {
  id: 'regions',
  label: { zh: '财政区划', en: 'Regions' },
  table: 'dim_region',
  columns: [
    { id: 'mof_div_code', storage: 'code' },
    { id: 'mof_div_name', storage: 'text' },
    { id: 'parent_code', storage: 'code' },
    { id: 'level', storage: 'int16' },
  ],
  sql: 'SELECT mof_div_code, mof_div_name, parent_code, level FROM region ORDER BY level, mof_div_code',
  scoping: 'region',
};

export const agencyTable: DimensionTable = {
  id: 'agencies',
  label: { zh: '预算单位', en: 'Budget units' },
  table: 'dim_agency',
  columns: [
    { id: 'mof_div_code', storage: 'code' },
    { id: 'agency_code', storage: 'code' },
    { id: 'agency_name', storage: 'text' },
    { id: 'dept_code', storage: 'code' },
    { id: 'dept_name', storage: 'code' },
  ],
  sql: 'SELECT mof_div_code, agency_code, agency_name, dept_code, dept_name FROM agency ORDER BY mof_div_code, agency_code',
  scoping: 'agency',
};

export const codeListTable: DimensionTable = {
  id: 'codes',
  label: { zh: '分类代码', en: 'Code lists' },
  table: 'dim_code',
  columns: [
    { id: 'list', storage: 'code' },
    { id: 'fiscal_year', storage: 'int16' },
    { id: 'code', storage: 'code' },
    { id: 'name', storage: 'text' },
    { id: 'parent_code', storage: 'code' },
  ],
  sql: `SELECT 'exp_func' AS list, fiscal_year, code, name, parent_code FROM exp_func
UNION ALL SELECT 'dep_bgt_eco', fiscal_year, code, name, parent_code FROM dep_bgt_eco
UNION ALL SELECT 'fund_type', fiscal_year, code, name, parent_code FROM fund_type
ORDER BY 1, 2, 3`,
  scoping: 'none',
};

export const dimensionTables = [regionTable, agencyTable, codeListTable] as const;
