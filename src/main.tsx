import './index.css';

/** Lets the browser run other work (input, paint) before the next step: a task of its own. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Opening is a chain of short tasks, not one long one (issue 20: no task over 50 ms on open):
 * the engine's modules, the state side's, opening the user's model (autosave or link, and its
 * first evaluation), React and the first screen's modules, then React's first render as a
 * transition, which React renders in slices that yield to the browser. src/boot/README.md.
 * A module's evaluation after `import()` is a task of its own, and the code after `await` runs
 * at its end: only opening the model needs an explicit task boundary.
 */
async function boot(): Promise<void> {
  await import('./boot/stage-engine');
  const state = await import('./boot/stage-state');
  // A Chinese interface's tables are a chunk of their own: fetched while the model opens.
  const language = state.restoreLanguage();
  await nextTask();
  state.captureLink(); // teaching parts of a link (model B, hidden parts), read before startState rewrites the hash
  // Autosave or shared link first, so the first paint already shows the user's model.
  // The live URL keeps an exercise's hidden parts and the A/B model, so a reload is the same page.
  state.startState({
    linkExtras: () => {
      const { compare, hide } = state.useTeaching.getState();
      return { compare, hide };
    },
  });
  const ui = await import('./boot/stage-ui');
  await language;
  const root = ui.createRoot(document.getElementById('root') as HTMLElement);
  ui.startTransition(() =>
    root.render(
      <ui.StrictMode>
        <ui.App />
      </ui.StrictMode>,
    ),
  );
  ui.registerServiceWorker(); // offline copy after the first visit (production builds only)
}

void boot();
