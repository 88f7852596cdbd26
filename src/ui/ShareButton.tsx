/**
 * Copy link: the whole state (model, convention, settings, selection) encoded in the URL hash
 * by src/state/urlCodec. The link is also shown in a small box (clipboard access can be refused).
 */
import { useEffect, useRef, useState } from 'react';
import { makeShareUrl } from '../state/urlCodec';
import { useEditor } from '../state/store';
import { Button } from './controls';
import { useT } from './i18n';
import { groupDigits } from '../engine/digits';

export function ShareButton() {
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const t = useT();

  useEffect(() => {
    if (!link) return;
    const away = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setLink(null);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [link]);

  const share = async () => {
    const s = useEditor.getState();
    const base = `${location.origin}${location.pathname}`;
    const url = makeShareUrl(base, {
      model: s.model,
      convention: s.settings.convention,
      settings: s.settings,
      selection: s.selection,
    });
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <div ref={box} className="relative">
      <Button onClick={share} title={t('share.title')}>
        {t('share.button')}
      </Button>
      {link && (
        <div
          className="absolute left-0 z-30 mt-1 w-[28rem] rounded-lg border border-slate-300 bg-white p-3 text-sm shadow-xl dark:border-slate-600 dark:bg-slate-800"
          onKeyDown={(e) => e.key === 'Escape' && setLink(null)}
        >
          <p role="status" className="mb-1.5">
            {t(copied ? 'share.copied' : 'share.copyThis', { n: groupDigits(link.length) })}
          </p>
          <input
            className="field w-full font-mono text-xs"
            readOnly
            value={link}
            aria-label={t('share.field')}
            data-testid="share-url"
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      )}
    </div>
  );
}
