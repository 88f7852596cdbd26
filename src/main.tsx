import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { App } from './ui/App';
import { startState } from './state/boot';
import { registerServiceWorker } from './sw/register';
import { captureLink, useTeaching } from './ui/teaching/store';
import { restoreLanguage } from './ui/i18n';

/** Lets the browser run other work (input, paint) before the next step: a task of its own. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Opening is three tasks, not one (issue 20: no long task over 50 ms on open): evaluating the
 * modules, then opening the user's model (autosave or link, and its first evaluation), then
 * React's first render as a transition, which React renders in slices that yield to the browser.
 */
async function boot(): Promise<void> {
  // A Chinese interface's tables are a chunk of their own: fetched while the model opens.
  const language = restoreLanguage();
  await nextTask();
  captureLink(); // teaching parts of a link (model B, hidden parts), read before startState rewrites the hash
  // Autosave or shared link first, so the first paint already shows the user's model.
  // The live URL keeps an exercise's hidden parts and the A/B model, so a reload is the same page.
  startState({
    linkExtras: () => {
      const { compare, hide } = useTeaching.getState();
      return { compare, hide };
    },
  });
  await nextTask();
  await language;
  const root = createRoot(document.getElementById('root') as HTMLElement);
  startTransition(() =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
  registerServiceWorker(); // offline copy after the first visit (production builds only)
}

void boot();
