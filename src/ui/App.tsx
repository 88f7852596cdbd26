import { evaluateModel } from '../engine/evaluate';

// Temporary shell until the editor lands (issue 3): shows that the engine runs in the page.
const demo = evaluateModel(
  {
    format: 'floplab.model/1',
    input: [3, 32, 32],
    layers: [{ type: 'conv2d', out: 16, kernel: 3, padding: 1 }, { type: 'relu' }],
  },
  { conventions: ['torchvision'] },
);

export function App() {
  return (
    <main className="p-8 font-sans">
      <h1 className="text-2xl font-semibold">FlopLab</h1>
      <p>What does this network cost?</p>
      <p data-testid="demo-macs">Demo conv MACs: {demo.totals.macs.toString()}</p>
    </main>
  );
}
