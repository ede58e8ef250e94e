import { PRODUCT } from '@bytelyst/trading-contracts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { adoptResetLink } from './features/auth/utils/auth-route';
import './styles/base.css';
import './styles/shell.css';
import './styles/controls.css';
import './styles/features.css';

document.title = PRODUCT.displayName;
// Before the first render: the mailed reset link is a path, the app routes by hash.
adoptResetLink(window);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
