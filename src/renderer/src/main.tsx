import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getClient } from './client/index.ts';
import { setApi } from './api.ts';
import { App } from './App.tsx';
import { startHashSync } from './state/route.ts';
import './styles.css';

setApi(getClient());
startHashSync();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
