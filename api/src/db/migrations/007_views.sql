-- Saved workbench views (issue 7): a view definition (queries/views.ts) with a name, private or shared.
-- The owner is kept by id and name (principals may come from sessions or display tokens); org_code is the region the
-- view is about (its org filter, or the author's scope at save time): a shared view is listed to users whose scope
-- overlaps that region, and is always computed in the viewer's own scope.
CREATE TABLE saved_view (
  view_id      bigserial PRIMARY KEY,
  owner_id     text NOT NULL,
  owner_name   text NOT NULL,
  owner_scope  text NOT NULL,
  org_code     varchar(9) NOT NULL,
  name         text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 80),
  description  text NOT NULL DEFAULT '' CHECK (char_length(description) <= 1000),
  definition   jsonb NOT NULL,
  visibility   text NOT NULL CHECK (visibility IN ('private', 'shared')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX saved_view_owner ON saved_view (owner_id);
CREATE INDEX saved_view_shared ON saved_view (org_code) WHERE visibility = 'shared';
