/**
 * Channel shuffle (torch.nn.ChannelShuffle, ShuffleNet): view [g, C/g, H, W], transpose,
 * flatten back. A permutation: no arithmetic. Channels must divide by the groups.
 */
import { ZERO } from '../expr';
import { commonSymbols, needsMap, type LeafKind } from './kind';
import { say } from '../messages';

export const channelshuffle: LeafKind = {
  type: 'channelshuffle',
  label: 'ChannelShuffle',
  category: 'shape',
  summary: 'Interleave channel groups (ShuffleNet)',
  fields: [
    {
      name: 'groups',
      kind: 'int',
      min: 1,
      required: true,
      label: 'Groups',
      help: 'Number of channel groups to interleave; the channels must divide by it',
    },
  ],
  shape(p, input) {
    const bad = needsMap('channelshuffle', input);
    if (bad) return { error: bad };
    const g = p.groups as number;
    if (input[0] % g !== 0) return { error: say('layer.shuffleGroups', { c: input[0], g }) };
    return { output: input };
  },
  symbols: (p, input, output, batch) => commonSymbols(input, output, batch, { C: input[0], g: p.groups as number }),
  params: ZERO,
  exact: ZERO,
  exactNote: 'A permutation of channels: it moves data and does no arithmetic.',
};
