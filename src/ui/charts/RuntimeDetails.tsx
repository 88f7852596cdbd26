/**
 * The details region's "Runtime" tab (loaded on demand): "why this number" for the selected
 * layer on the chosen device, with the device and precision pickers. The numbers come from the
 * runtime worker (useRuntimeAnswer); nothing is computed here.
 */
import { useRuntimeAnswer } from '../../state/runtime';
import { useEditor } from '../../state/store';
import { DevicePicker } from './DevicePicker';
import { WhyThisNumber } from './WhyThisNumber';
import { PlacementLine } from './PlacementSummary';
import { useT } from '../i18n';

export default function RuntimeDetails() {
  const answer = useRuntimeAnswer();
  const selection = useEditor((s) => s.selection);
  const device = useEditor((s) => s.settings.device);
  const precision = useEditor((s) => s.settings.precision);
  const setSettings = useEditor((s) => s.setSettings);
  const t = useT();
  return (
    <div className="space-y-3">
      <DevicePicker
        deviceId={device}
        precision={precision}
        onChange={(d, p) => setSettings({ device: d, precision: p })}
      />
      {answer?.modelError ? (
        <p className="text-sm text-red-700 dark:text-red-300">{t('why.noEstimate', { error: answer.modelError })}</p>
      ) : (
        <>
          {answer?.placement && <PlacementLine placement={answer.placement} selectedPath={selection} />}
          <WhyThisNumber latency={answer?.latency ?? null} selectedPath={selection} />
        </>
      )}
    </div>
  );
}
