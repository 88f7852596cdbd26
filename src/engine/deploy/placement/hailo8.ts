/**
 * Hailo-8 (Hailo Dataflow Compiler). Hailo's supported-layer list is in the Dataflow Compiler user
 * guide on its developer zone, behind a login; a Hailo maintainer says so (hailo_model_zoo#49), and
 * adds that unsupported ops are cut off the graph and run on the host, usually at the end of the
 * network (hailo_model_zoo#98). With no public table FlopLab does not place ops on the Hailo-8:
 * the placement says "unknown" instead of guessing.
 */
import type { Source } from '../devices/schema';
import type { PlacementTarget } from './types';

export const HAILO_LIST_LOCATION: Source = {
  title:
    'hailo_model_zoo#49 "Where to find a list of supported operations?" — in the Dataflow Compiler user guide (developer zone)',
  url: 'https://github.com/hailo-ai/hailo_model_zoo/issues/49',
};
export const HAILO_FALLBACK: Source = {
  title:
    'hailo_model_zoo#98: unsupported ops "are concentrated at the end of the net, you can just run this separate from Hailo"',
  url: 'https://github.com/hailo-ai/hailo_model_zoo/issues/98',
};

export const HAILO8: PlacementTarget = {
  id: 'hailo8',
  name: 'Hailo-8 (Dataflow Compiler)',
  accelerator: 'Hailo-8',
  dtypes: ['int8'],
  dtypeSource: {
    title: 'FlopLab device database: hailo-8 has an int8 peak only',
    document: 'src/engine/deploy/devices/data-edge.ts',
  },
  fallbackMode: 'rest-on-cpu',
  fallbackSource: HAILO_FALLBACK,
  documented: false,
  rules: [],
  sources: [HAILO_LIST_LOCATION, HAILO_FALLBACK],
  notes:
    "Hailo's supported-layer list is only in the Dataflow Compiler user guide behind the developer-zone login (hailo_model_zoo#49); FlopLab places no op it cannot source.",
};
