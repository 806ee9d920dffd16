import type { KioskMessages } from './messages.js';

/** English texts, loaded when the kiosk first renders in en. */
const texts: KioskMessages = {
  title: 'Community self-service',
  servedGrids: (names) => `Serving: ${names}`,
  homeIntro: 'Tap what you would like to do',
  choices: {
    report: { title: 'Report a problem', desc: 'Street lights, drain covers, rubbish, noise… with a photo' },
    track: { title: 'Follow my case', desc: 'Enter the case number on your receipt to see progress and rate it' },
    board: { title: 'Our grid team and notices', desc: 'Phone numbers of the grid leader and team, latest notices' },
    stats: { title: 'How our grid is doing', desc: 'Cases resolved, resolved on time, and residents’ satisfaction' },
  },
  screens: {
    report: {
      title: 'Report a problem',
      help: 'Answer one question at a time; at the end you get a receipt with a case number.',
    },
    track: {
      title: 'Follow my case',
      help: 'Enter the case number on your receipt (for example WF-20261122-0042) and tap “Look up”. With the tracking code you can also rate the result or dispute it.',
    },
    board: { title: 'Our grid team and notices', help: 'You can call the grid leader’s work phone directly.' },
    stats: { title: 'How our grid is doing', help: 'Figures are counted by month and update every few minutes.' },
    refused: {
      title: 'Reports not accepted',
      help: 'The server refused these reports; they will not be sent again. To protect residents’ privacy, what they wrote is not shown here. Note the reason and the request id, then discard them.',
    },
  },
  home: 'Back to start',
  chooseGrid: 'Choose a grid',
  textSize: 'Text size',
  textSizes: { standard: 'Standard', large: 'Large', 'x-large': 'Extra large' },
  offlineTitle: 'No network connection',
  offlineDetail:
    'You can still report a problem: it is kept on this terminal and sent when the network is back. Other information may be out of date.',
  queued: (count, shown) => `${shown} ${count === 1 ? 'report' : 'reports'} waiting to be sent`,
  refusedOpen: 'For staff',
  noneRefused: 'No refused reports are left.',
  refusedWhen: 'Submitted',
  refusedCategory: 'Category',
  refusedReason: 'Why it was not accepted',
  refusedRequest: 'Request id',
  discard: 'Discard',
  discardQuestion: 'Discard this report? It cannot be undone.',
  discardConfirm: 'Yes, discard',
  discardCancel: 'Cancel',
  failed: (count, shown) =>
    `${shown} ${count === 1 ? 'report was' : 'reports were'} not accepted, please ask a member of staff`,
  idleTitle: 'Are you still there?',
  idlePrompt: (seconds) => `Going back to the start in ${seconds} seconds, and clearing what you entered.`,
  idleStay: 'Keep going',
  idleLeave: 'Back to start',
  noClient:
    'The kiosk has no API address: set its base-url attribute, or put it inside a <gk-provider> with a base-url.',
  noGridSet: 'The kiosk has no grid: set its grid-id attribute (several ids separated by spaces).',
};

export default texts;
