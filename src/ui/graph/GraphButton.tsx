/** The header's "Graph" toggle: opens the graph view (its code loads on the first open). */
import { Button } from '../controls';
import { useT } from '../i18n';
import { useGraphView } from './viewState';

export function GraphButton() {
  const open = useGraphView((s) => s.open);
  const t = useT();
  return (
    <Button
      aria-pressed={open}
      title={t('graph.button.title')}
      data-testid="graph-toggle"
      onClick={() => useGraphView.setState({ open: !open })}
    >
      {t('graph.button')}
    </Button>
  );
}
