import type { NoticeBoardMessages } from './messages.js';

/** English texts, loaded when a widget first renders in en. */
const texts: NoticeBoardMessages = {
  boardLabel: (grid) => `${grid} notice board`,
  leader: 'Grid leader',
  noLeader: 'No grid leader announced yet',
  team: 'Grid team',
  workPhone: 'Work phone',
  phoneOf: (name) => ` (${name})`,
  duties: 'Duties',
  serviceHours: 'Service hours',
  services: 'Services for residents',
  notices: 'Notices',
  noNotices: 'No notices',
  pinned: 'Pinned',
  expires: (date) => `Until ${date}`,
  published: (date) => `Published ${date}`,
  households: (n) => `${n} households`,

  roles: {
    grid_leader: 'Grid leader',
    grid_worker: 'Grid worker',
    party_secretary: 'Party secretary',
    police_officer: 'Area police officer',
    doctor: 'Area doctor',
    inspector: 'Inspector',
    building_head: 'Building head',
    volunteer: 'Volunteer',
    street_officer: 'Street office officer',
    community_worker: 'Community worker',
    property_manager: 'Property manager',
    mediator: 'Mediator',
    deputy: 'People’s deputy',
  },
  noticeKinds: {
    announcement: 'Announcement',
    event: 'Event',
    policy: 'Policy',
    alert: 'Alert',
    service: 'Service',
  },
};

export default texts;
