import { z } from 'zod';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected yyyy-mm-dd');

const schema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  SEED_SCALE: z.enum(['small', 'bingtuan', 'province', 'none']).default('bingtuan'),
  SEED: z.coerce.number().int().default(20261),
  SEED_AS_OF: date.optional(),
  APP_TIME_ZONE: z.string().default('Asia/Shanghai'),
  TIME_PROGRESS_BASIS: z.enum(['day', 'month']).default('day'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(7 * 24).default(12),
  AUDIT_HASH: z.enum(['sha256', 'sm3']).default('sha256'),
  /** Space-separated origins allowed to embed pages (CSP frame-ancestors), e.g. "https://portal.example.gov.cn". */
  FRAME_ANCESTORS: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(/\s+/).filter(Boolean) : undefined)),
});

export type Env = z.infer<typeof schema>;

/** Parses the environment once; on a bad value, prints which variable and why, and exits. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  return parseEnv(schema, source);
}

/**
 * The variables of `vars` (a zod object schema) read from `source`, an empty value counting as unset; on a bad value,
 * prints which variable and why, and exits (the server's settings, and the benchmarks' own).
 */
export function parseEnv<S extends z.ZodType>(vars: S, source: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const clean = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = vars.safeParse(clean);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`environment variable ${issue.path.join('.')}: ${issue.message}`);
    process.exit(2);
  }
  return parsed.data;
}
