import type { GridRankingMessages } from './messages.js';

/** English texts, loaded when a widget first renders in en. */
const texts: GridRankingMessages = {
  title: (node) => `${node} · ranking`,
  range: (from, to) => `${from} – ${to}`,
  caption: (node, by) => `The units of ${node}, ranked by ${by.toLowerCase()}`,
  rank: 'Rank',
  name: 'Unit',
  received: 'Cases received',
  gridShare: 'Settled at grid level',
  onTime: 'On-time rate',
  satisfaction: 'Satisfaction rate',
  resolution: 'Resolution rate',
  rankBy: (figure) => `Rank by ${figure.toLowerCase()}`,
  red: 'Red list',
  yellow: 'Yellow list',
  redHint: (n) =>
    n === '1' ? 'the first is on the red list (commended)' : `the top ${n} are on the red list (commended)`,
  yellowHint: (n) =>
    n === '1' ? 'the last on the yellow list (to improve)' : `the bottom ${n} on the yellow list (to improve)`,
  listsHint: (red, yellow) => `${red[0]!.toUpperCase()}${red.slice(1)}, ${yellow}; units without data are not ranked.`,
  notRanked: 'Not ranked',
  noRate: 'No data',
  empty: 'Nothing to rank',
  emptyDetail: (node) => `There are no units under ${node} to rank.`,
  definitionsTitle: 'How are these figures calculated?',
  definitions: {
    gridShare: 'Settled at grid level = cases closed at grid level ÷ cases closed: small matters stay in the grid.',
    onTime: 'On-time rate = cases closed within their deadline ÷ cases closed.',
    satisfaction: 'Satisfaction rate = ratings of 4–5 ÷ all ratings.',
    resolution:
      'Resolution rate = closed ÷ accepted, over the cases accepted in the period; a closure is checked by a supervisor or a higher level, never by whoever did the work.',
    lists:
      'The ranking follows the chosen figure; ties go to the unit with more cases. A figure with nothing to divide by (no case closed, say) is not calculated, and the unit is not ranked on it.',
  },
};

export default texts;
