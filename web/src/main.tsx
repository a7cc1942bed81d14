import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startEngineUnlessKept } from './data/engine.ts';
import { router } from './router.ts';
import './styles.css';

// The DuckDB-WASM binary is the largest download: on a first visit, start it before the first render (see engine.ts).
startEngineUnlessKept();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
