/**
 * The schema, as an append-only list: each entry runs once, in order, and
 * `PRAGMA user_version` records how many have run. Never edit a shipped
 * entry; add a new one.
 *
 * Conventions: ids are TEXT; times are RFC 3339 UTC strings
 * (`2026-11-22T01:15:30.000Z`), which sort as text; JSON columns hold
 * arrays or objects as text. `grids.path` is the materialized path
 * `/<root id>/…/<own id>/`, copied onto cases and service logs so a subtree
 * is a range scan on an index.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE grids (
    id            TEXT PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    level         TEXT NOT NULL,
    parent_id     TEXT REFERENCES grids(id),
    path          TEXT NOT NULL UNIQUE,
    depth         INTEGER NOT NULL,
    sort_order    INTEGER NOT NULL DEFAULT 0,
    households    INTEGER,
    population    INTEGER,
    boundary      TEXT,
    centroid_lat  REAL,
    centroid_lng  REAL,
    service_hours TEXT NOT NULL DEFAULT '',
    services      TEXT NOT NULL DEFAULT '[]',
    updated_at    TEXT NOT NULL
  );
  CREATE INDEX grids_parent ON grids(parent_id, sort_order, id);
  CREATE INDEX grids_level ON grids(level, path);

  CREATE TABLE team_members (
    id          TEXT PRIMARY KEY,
    grid_id     TEXT NOT NULL REFERENCES grids(id),
    name        TEXT NOT NULL,
    role        TEXT NOT NULL,
    role_label  TEXT,
    photo_url   TEXT,
    work_phone  TEXT,
    duties      TEXT NOT NULL DEFAULT '[]',
    is_leader   INTEGER NOT NULL DEFAULT 0,
    sort_order  INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX team_members_grid ON team_members(grid_id, is_leader DESC, sort_order);

  CREATE TABLE staff (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('grid_worker', 'admin')),
    token        TEXT NOT NULL UNIQUE,
    grid_ids     TEXT NOT NULL
  );

  CREATE TABLE notices (
    id            TEXT PRIMARY KEY,
    grid_id       TEXT NOT NULL REFERENCES grids(id),
    title         TEXT NOT NULL,
    body          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    pinned        INTEGER NOT NULL DEFAULT 0,
    published_at  TEXT NOT NULL,
    expires_at    TEXT,
    retired_at    TEXT,
    retire_reason TEXT,
    author_id     TEXT,
    author_name   TEXT,
    created_at    TEXT NOT NULL
  );
  CREATE INDEX notices_grid ON notices(grid_id, pinned DESC, published_at DESC, id);

  CREATE TABLE categories (
    code              TEXT PRIMARY KEY,
    name              TEXT NOT NULL,
    kind              TEXT NOT NULL,
    description       TEXT,
    sla_hours         INTEGER NOT NULL,
    requires_location INTEGER NOT NULL DEFAULT 0,
    requires_photo    INTEGER NOT NULL DEFAULT 0,
    attributes        TEXT NOT NULL DEFAULT '[]',
    sort_order        INTEGER NOT NULL DEFAULT 0
  );

  CREATE TABLE media (
    id            TEXT PRIMARY KEY,
    content_type  TEXT NOT NULL,
    bytes         INTEGER NOT NULL,
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    purpose       TEXT,
    created_at    TEXT NOT NULL
  );

  CREATE TABLE cases (
    id                  TEXT PRIMARY KEY,
    ticket              TEXT NOT NULL UNIQUE,
    tracking_token_hash TEXT NOT NULL,
    grid_id             TEXT NOT NULL REFERENCES grids(id),
    grid_path           TEXT NOT NULL,
    category_code       TEXT NOT NULL REFERENCES categories(code),
    description         TEXT NOT NULL,
    address             TEXT NOT NULL,
    lat                 REAL,
    lng                 REAL,
    media_ids           TEXT NOT NULL DEFAULT '[]',
    attributes          TEXT NOT NULL DEFAULT '{}',
    reporter_name       TEXT,
    reporter_phone      TEXT,
    reporter_staff_id   TEXT,
    channel             TEXT NOT NULL,
    status              TEXT NOT NULL,
    level               TEXT NOT NULL,
    assignee            TEXT,
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    accepted_at         TEXT,
    closed_at           TEXT,
    closed_level        TEXT,
    due_at              TEXT NOT NULL,
    reopen_count        INTEGER NOT NULL DEFAULT 0,
    evaluation_score    INTEGER,
    evaluation_comment  TEXT,
    evaluated_at        TEXT
  );
  CREATE INDEX cases_path_created ON cases(grid_path, created_at);
  CREATE INDEX cases_path_accepted ON cases(grid_path, accepted_at);
  CREATE INDEX cases_created ON cases(created_at, id);

  CREATE TABLE case_events (
    id           TEXT PRIMARY KEY,
    case_id      TEXT NOT NULL REFERENCES cases(id),
    seq          INTEGER NOT NULL,
    type         TEXT NOT NULL,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    from_level   TEXT,
    level        TEXT NOT NULL,
    actor_type   TEXT NOT NULL,
    actor_id     TEXT,
    actor_name   TEXT,
    actor_role   TEXT,
    at           TEXT NOT NULL,
    note         TEXT,
    public_note  TEXT,
    media_ids    TEXT NOT NULL DEFAULT '[]',
    assignee     TEXT,
    UNIQUE (case_id, seq)
  );

  CREATE TABLE service_logs (
    id             TEXT PRIMARY KEY,
    grid_id        TEXT NOT NULL REFERENCES grids(id),
    grid_path      TEXT NOT NULL,
    worker_id      TEXT NOT NULL,
    worker_name    TEXT NOT NULL,
    occurred_at    TEXT NOT NULL,
    kind           TEXT NOT NULL,
    subject_groups TEXT NOT NULL DEFAULT '[]',
    household_ref  TEXT,
    summary        TEXT NOT NULL,
    minutes        INTEGER NOT NULL,
    outcome        TEXT NOT NULL,
    case_id        TEXT,
    created_at     TEXT NOT NULL
  );
  CREATE INDEX service_logs_path ON service_logs(grid_path, occurred_at);
  CREATE INDEX service_logs_worker ON service_logs(worker_id, occurred_at);

  CREATE TABLE ticket_sequences (
    prefix TEXT PRIMARY KEY,
    last   INTEGER NOT NULL
  );

  CREATE TABLE idempotency_keys (
    scope         TEXT NOT NULL,
    key           TEXT NOT NULL,
    request_hash  TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('in_flight', 'done')),
    status        INTEGER,
    headers       TEXT,
    body          TEXT,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (scope, key)
  );
  CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
  `,
  // The letters that start a district's work-order numbers (`WF` in `WF-20261122-0042`).
  `ALTER TABLE grids ADD COLUMN ticket_prefix TEXT;`,
  // Resolution statistics (src/store/stats.ts) read every figure from these two indexes alone — no table lookups:
  // the cases created in a period (received, rejected, their groups) and the cases accepted in it (the cohort), each
  // still found as a (grid_path, date) range. The cohort's per-case values are stored computed, in the exact form
  // the query spells them (`closed_at <= due_at`, `reopen_count > 0`, the milliseconds from creation to closing),
  // so a district's figures need no date parsing. They replace the plain (grid_path, date) indexes, which they extend.
  `
  CREATE INDEX cases_path_created_stats ON cases(grid_path, created_at, status, category_code, closed_level, level);
  CREATE INDEX cases_path_accepted_stats ON cases(
    grid_path, accepted_at, status, closed_at <= due_at, evaluation_score, reopen_count > 0, closed_level,
    CASE WHEN status = 'closed' THEN CAST(round((julianday(closed_at) - julianday(created_at)) * 86400000) AS INTEGER) END,
    category_code, level
  );
  DROP INDEX cases_path_created;
  DROP INDEX cases_path_accepted;
  `,
  // Finding the grid at a point (locateGrid): each boundary's bounding box in an R*Tree, kept by triggers from the
  // GeoJSON itself (every number at index 0 of a position is a longitude, at index 1 a latitude), so no writer can
  // forget it. The R*Tree answers "which boxes contain this point" in logarithmic time, the exact
  // point-in-polygon test (domain/geometry.ts) then runs on those few candidates only. `places` holds the names of
  // the compounds, streets and landmarks inside a node, searched by listGrids?q=.
  `
  ALTER TABLE grids ADD COLUMN places TEXT NOT NULL DEFAULT '[]';
  CREATE VIRTUAL TABLE grid_bboxes USING rtree(id, west, east, south, north, +grid_id TEXT);
  CREATE TRIGGER grids_bbox_insert AFTER INSERT ON grids WHEN new.boundary IS NOT NULL BEGIN
    INSERT INTO grid_bboxes (west, east, south, north, grid_id)
      SELECT min(CASE WHEN key = 0 THEN value END), max(CASE WHEN key = 0 THEN value END),
             min(CASE WHEN key = 1 THEN value END), max(CASE WHEN key = 1 THEN value END), new.id
        FROM json_tree(new.boundary) WHERE type IN ('integer', 'real');
  END;
  CREATE TRIGGER grids_bbox_update AFTER UPDATE OF boundary ON grids BEGIN
    DELETE FROM grid_bboxes WHERE grid_id = old.id;
    INSERT INTO grid_bboxes (west, east, south, north, grid_id)
      SELECT min(CASE WHEN key = 0 THEN value END), max(CASE WHEN key = 0 THEN value END),
             min(CASE WHEN key = 1 THEN value END), max(CASE WHEN key = 1 THEN value END), new.id
        FROM json_tree(new.boundary) WHERE type IN ('integer', 'real') AND new.boundary IS NOT NULL
      HAVING count(*) > 0;
  END;
  CREATE TRIGGER grids_bbox_delete AFTER DELETE ON grids BEGIN
    DELETE FROM grid_bboxes WHERE grid_id = old.id;
  END;
  INSERT INTO grid_bboxes (west, east, south, north, grid_id)
    SELECT min(CASE WHEN j.key = 0 THEN j.value END), max(CASE WHEN j.key = 0 THEN j.value END),
           min(CASE WHEN j.key = 1 THEN j.value END), max(CASE WHEN j.key = 1 THEN j.value END), g.id
      FROM grids g, json_tree(g.boundary) j
     WHERE g.boundary IS NOT NULL AND j.type IN ('integer', 'real')
     GROUP BY g.id;
  `,
  // The supervisor role (监督员: verifies or rejects resolutions, issue 9): SQLite cannot alter a CHECK, so the staff
  // table is rebuilt with the contract's three roles and its rows copied over.
  `
  CREATE TABLE staff_with_supervisors (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('grid_worker', 'supervisor', 'admin')),
    token        TEXT NOT NULL UNIQUE,
    grid_ids     TEXT NOT NULL
  );
  INSERT INTO staff_with_supervisors (id, name, role, token, grid_ids) SELECT id, name, role, token, grid_ids FROM staff;
  DROP TABLE staff;
  ALTER TABLE staff_with_supervisors RENAME TO staff;
  `,
  // Triage priority and the resident's recourse (issue 9): a category's default priority, a case's priority (its
  // due_at follows it), the reporter's disputes, and the follow-up (回访) a low score opens — the outcome's actor as
  // JSON. Existing cases and categories become `ordinary`, which keeps their due_at (ordinary = the category's SLA).
  // The two stats indexes are rebuilt with the values the new figures read (priority for groupBy=priority, whether
  // disputed, the follow-up state), so the statistics stay covering reads; `cases_follow_up` serves the admins'
  // list of open follow-ups.
  `
  ALTER TABLE categories ADD COLUMN default_priority TEXT NOT NULL DEFAULT 'ordinary';
  ALTER TABLE cases ADD COLUMN priority TEXT NOT NULL DEFAULT 'ordinary';
  ALTER TABLE cases ADD COLUMN dispute_count INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE cases ADD COLUMN follow_up_status TEXT CHECK (follow_up_status IN ('open', 'done'));
  ALTER TABLE cases ADD COLUMN follow_up_opened_at TEXT;
  ALTER TABLE cases ADD COLUMN follow_up_outcome TEXT;
  ALTER TABLE cases ADD COLUMN follow_up_note TEXT;
  ALTER TABLE cases ADD COLUMN follow_up_done_at TEXT;
  ALTER TABLE cases ADD COLUMN follow_up_done_by TEXT;
  ALTER TABLE case_events ADD COLUMN from_priority TEXT;
  ALTER TABLE case_events ADD COLUMN priority TEXT;
  DROP INDEX cases_path_created_stats;
  CREATE INDEX cases_path_created_stats ON cases(grid_path, created_at, status, category_code, closed_level, level, priority);
  DROP INDEX cases_path_accepted_stats;
  CREATE INDEX cases_path_accepted_stats ON cases(
    grid_path, accepted_at, status, closed_at <= due_at, evaluation_score, reopen_count > 0, closed_level,
    CASE WHEN status = 'closed' THEN CAST(round((julianday(closed_at) - julianday(created_at)) * 86400000) AS INTEGER) END,
    category_code, level, priority, dispute_count > 0, follow_up_status
  );
  CREATE INDEX cases_follow_up ON cases(follow_up_status, created_at) WHERE follow_up_status IS NOT NULL;
  `,
  // Departments (issue 9): the known units a case is dispatched to (an assignee is a unit or a person on record, never
  // free text), each serving its node's subtree (`grid_path`, so the units serving a grid are the rows on its path);
  // department staff belong to one unit (the staff table rebuilt, as SQLite cannot alter a CHECK). The two stats
  // indexes are rebuilt with the channel, so groupBy=channel stays a covering read.
  `
  CREATE TABLE units (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('department', 'community_organization')),
    grid_id    TEXT NOT NULL REFERENCES grids(id),
    grid_path  TEXT NOT NULL
  );
  CREATE INDEX units_path ON units(grid_path, id);
  CREATE TABLE staff_with_departments (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('grid_worker', 'supervisor', 'department', 'admin')),
    token        TEXT NOT NULL UNIQUE,
    grid_ids     TEXT NOT NULL,
    unit_id      TEXT REFERENCES units(id),
    CHECK ((role = 'department') = (unit_id IS NOT NULL))
  );
  INSERT INTO staff_with_departments (id, name, role, token, grid_ids) SELECT id, name, role, token, grid_ids FROM staff;
  DROP TABLE staff;
  ALTER TABLE staff_with_departments RENAME TO staff;
  DROP INDEX cases_path_created_stats;
  CREATE INDEX cases_path_created_stats ON cases(
    grid_path, created_at, status, category_code, closed_level, level, priority, channel
  );
  DROP INDEX cases_path_accepted_stats;
  CREATE INDEX cases_path_accepted_stats ON cases(
    grid_path, accepted_at, status, closed_at <= due_at, evaluation_score, reopen_count > 0, closed_level,
    CASE WHEN status = 'closed' THEN CAST(round((julianday(closed_at) - julianday(created_at)) * 86400000) AS INTEGER) END,
    category_code, level, priority, dispute_count > 0, follow_up_status, channel
  );
  `,
  // Resolution statistics from rollups (issue 11, src/store/rollups.ts): per node that keeps them, every counter of
  // the figures per group key and period (`yyyymmdd` day rows and `yyyymm` month rows), and the cohort's closing
  // times as a histogram of 0.1 h buckets with each bucket's exact extremes, plus the same counted per 10 h. Empty
  // here: no node keeps rollups until a rebuild registers it (a seed does; `gridkit-mock rebuild-rollups` for an
  // older database), and until then its figures come from the cases. The CHECKs make a rollup that fell out of step
  // with the cases fail loudly instead of going negative. `cases_closing_ms` finds the closed cases of one bucket,
  // to restore a bucket's extremes when a case leaves it (a dispute reopens it).
  `
  CREATE TABLE rollup_nodes (
    node     INTEGER PRIMARY KEY,
    grid_id  TEXT NOT NULL UNIQUE REFERENCES grids(id)
  );
  CREATE TABLE rollup_keys (
    key    INTEGER PRIMARY KEY,
    dim    TEXT NOT NULL,
    value  TEXT NOT NULL,
    UNIQUE (dim, value)
  );
  CREATE TABLE rollup_counts (
    node              INTEGER NOT NULL,
    key               INTEGER NOT NULL,
    period            INTEGER NOT NULL,
    received          INTEGER NOT NULL CHECK (received >= 0),
    rejected          INTEGER NOT NULL CHECK (rejected >= 0),
    accepted          INTEGER NOT NULL CHECK (accepted >= 0),
    closed            INTEGER NOT NULL CHECK (closed >= 0),
    closed_on_time    INTEGER NOT NULL CHECK (closed_on_time >= 0),
    evaluations       INTEGER NOT NULL CHECK (evaluations >= 0),
    satisfied         INTEGER NOT NULL CHECK (satisfied >= 0),
    reopened          INTEGER NOT NULL CHECK (reopened >= 0),
    disputed          INTEGER NOT NULL CHECK (disputed >= 0),
    ever_closed       INTEGER NOT NULL CHECK (ever_closed >= 0),
    follow_ups        INTEGER NOT NULL CHECK (follow_ups >= 0),
    follow_ups_done   INTEGER NOT NULL CHECK (follow_ups_done >= 0),
    closed_grid       INTEGER NOT NULL CHECK (closed_grid >= 0),
    closed_community  INTEGER NOT NULL CHECK (closed_community >= 0),
    closed_street     INTEGER NOT NULL CHECK (closed_street >= 0),
    closed_district   INTEGER NOT NULL CHECK (closed_district >= 0),
    PRIMARY KEY (node, key, period)
  ) WITHOUT ROWID;
  CREATE TABLE rollup_closing (
    node    INTEGER NOT NULL,
    key     INTEGER NOT NULL,
    period  INTEGER NOT NULL,
    bucket  INTEGER NOT NULL,
    n       INTEGER NOT NULL CHECK (n >= 0),
    min_ms  INTEGER NOT NULL,
    max_ms  INTEGER NOT NULL,
    PRIMARY KEY (node, key, period, bucket)
  ) WITHOUT ROWID;
  CREATE TABLE rollup_closing_coarse (
    node    INTEGER NOT NULL,
    key     INTEGER NOT NULL,
    period  INTEGER NOT NULL,
    coarse  INTEGER NOT NULL,
    n       INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (node, key, period, coarse)
  ) WITHOUT ROWID;
  CREATE INDEX cases_closing_ms ON cases(
    CAST(round((julianday(closed_at) - julianday(created_at)) * 86400000) AS INTEGER), accepted_at
  ) WHERE status = 'closed';
  `,
  // Staff tokens may expire (issue 12): after `token_expires_at` the token is a 401 that says so. NULL: no expiry (the
  // seed's demo tokens).
  `
  ALTER TABLE staff ADD COLUMN token_expires_at TEXT;
  `,
  // Rollups kept by child node too (\`groupBy=children\`, the ranking of grids; issue 13): rollups built before have no
  // such keys, so they are dropped; the figures come from the cases until \`gridkit-mock rebuild-rollups\` (a seed
  // rebuilds them itself).
  `
  DELETE FROM rollup_counts;
  DELETE FROM rollup_closing;
  DELETE FROM rollup_closing_coarse;
  DELETE FROM rollup_nodes;
  `,
  // Vendor apps that report through the Open311 facade (issue 13): their api_key as a hash, and the channel their
  // reports count under.
  `
  CREATE TABLE open311_clients (
    key_hash    TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    channel     TEXT NOT NULL,
    created_at  TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // Webhooks for vendors (issue 13): the endpoints admins register (with the secret deliveries are signed with), each
  // event once, and a delivery per webhook told of it, written in the transaction of the write that made the event.
  `
  CREATE TABLE webhooks (
    id          TEXT PRIMARY KEY,
    url         TEXT NOT NULL,
    events      TEXT NOT NULL,
    description TEXT,
    grid_id     TEXT NOT NULL,
    grid_path   TEXT NOT NULL,
    secret      TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    deleted_at  TEXT
  );
  CREATE TABLE webhook_events (
    id          TEXT PRIMARY KEY,
    type        TEXT NOT NULL,
    payload     TEXT NOT NULL,
    created_at  TEXT NOT NULL
  );
  CREATE TABLE webhook_deliveries (
    id               TEXT PRIMARY KEY,
    webhook_id       TEXT NOT NULL REFERENCES webhooks(id),
    event_id         TEXT NOT NULL REFERENCES webhook_events(id),
    status           TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_status_code INTEGER,
    last_error       TEXT,
    next_attempt_at  TEXT,
    delivered_at     TEXT,
    created_at       TEXT NOT NULL
  );
  CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE status = 'pending';
  CREATE INDEX webhook_deliveries_of ON webhook_deliveries(webhook_id, created_at DESC, id DESC);
  `,
];
