import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getDatabase } from './data/duckdb.ts';
import { router } from './router.ts';
import './styles.css';

// The DuckDB-WASM binary is the largest download: start it before the first render.
void getDatabase().catch(() => undefined);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
