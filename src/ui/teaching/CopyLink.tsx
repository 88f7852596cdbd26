/**
 * A button that copies a share link of the current state plus teaching extras (model B, hidden
 * parts) and shows the link in a box too (the clipboard can be refused).
 */
import { useState } from 'react';
import type { Model } from '../../engine/format/model';
import { makeShareUrl } from '../../state/urlCodec';
import { useEditor } from '../../state/store';
import { Button } from '../controls';
import { useT } from '../i18n';

export function teachingLink(extra: {
  compare?: Model | null;
  compareMore?: readonly Model[];
  hide?: readonly string[];
}): string {
  const s = useEditor.getState();
  const base = `${location.origin}${location.pathname}`;
  return makeShareUrl(base, {
    model: s.model,
    convention: s.settings.convention,
    settings: s.settings,
    selection: s.selection,
    ...extra,
  });
}

export function CopyLink({
  label,
  make,
  testId,
  disabled,
}: {
  label: string;
  make: () => string;
  testId: string;
  disabled?: boolean;
}) {
  const t = useT();
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    const url = make();
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="space-y-1">
      <Button onClick={copy} disabled={disabled} data-testid={testId}>
        {label}
      </Button>
      {link && (
        <>
          <p role="status" className="text-xs">
            {copied ? t('ab.copied') : t('ab.copyFailed')}
          </p>
          <input
            className="field w-full font-mono text-xs"
            readOnly
            value={link}
            aria-label={label}
            data-testid={`${testId}-url`}
            onFocus={(e) => e.currentTarget.select()}
          />
        </>
      )}
    </div>
  );
}
