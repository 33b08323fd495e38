-- A member import streams its body in batches, each its own transaction (docs/panel-members.md): this row is its
-- progress, readable over GET /api/panel/member-imports while the import runs. Counts only, never member codes.
CREATE TABLE panel_member_import (
    import_id    VARCHAR(36)   NOT NULL,
    format       VARCHAR(8)    NOT NULL,
    state        VARCHAR(16)   NOT NULL,
    rows_read    BIGINT        NOT NULL,
    imported     BIGINT        NOT NULL,
    updated      BIGINT        NOT NULL,
    rejected     BIGINT        NOT NULL,
    message      VARCHAR(1000),
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_panel_member_import PRIMARY KEY (import_id),
    CONSTRAINT ck_panel_member_import_state CHECK (state IN ('RUNNING', 'DONE', 'FAILED'))
);
CREATE INDEX ix_panel_member_import_started ON panel_member_import (started_at);

-- Which import last stored a member, and on which line or element: a later batch of the same import finds a repeated
-- code here (a duplicate, "already on line N") without holding every code of a million-row file in memory.
ALTER TABLE panel_member ADD COLUMN last_import_id VARCHAR(36);
ALTER TABLE panel_member ADD COLUMN last_import_line INTEGER;
