/**
 * Drop a file anywhere on the page to import it. Listens on window for drags that carry files
 * (layer reordering uses pointer events, not HTML drag and drop, so it is not affected) and
 * shows a full-page overlay while one is over the page.
 */
import { useEffect, useState } from 'react';
import { ACCEPTED_EXTENSIONS, importFile } from '../../state/importFlow';
import { useT } from '../i18n';

const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');

export function DropOverlay() {
  const [over, setOver] = useState(false);
  const t = useT();
  useEffect(() => {
    // dragenter/dragleave fire for every element crossed; the page is left when they balance.
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setOver(true);
    };
    const overPage = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault(); // allows the drop (the browser would otherwise open the file)
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const drop = (e: DragEvent) => {
      depth = 0;
      setOver(false);
      const file = e.dataTransfer?.files?.[0];
      if (!file) return;
      e.preventDefault();
      void importFile(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overPage);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overPage);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
  if (!over) return null;
  return (
    <div
      data-testid="drop-overlay"
      className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-indigo-950/40 p-6"
    >
      <div className="rounded-xl border-4 border-dashed border-white bg-indigo-700/90 px-10 py-8 text-center text-white shadow-2xl">
        <p className="text-xl font-semibold">{t('drop.title')}</p>
        <p className="mt-1 text-sm">{t('drop.help', { types: ACCEPTED_EXTENSIONS.join(', ') })}</p>
      </div>
    </div>
  );
}
