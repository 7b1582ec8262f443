-- Published rubric versions are immutable: grades reference them, so their content must never change.
-- Enforced in the database so no code path (API, CLI, ad-hoc SQL) can rewrite one.
CREATE OR REPLACE FUNCTION app.forbid_published_rubric_version_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'published' THEN
      RAISE EXCEPTION 'rubric version % is published and cannot be deleted', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'published' AND (NEW.definition IS DISTINCT FROM OLD.definition
      OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
      OR NEW.version IS DISTINCT FROM OLD.version
      OR NEW.rubric_id IS DISTINCT FROM OLD.rubric_id
      OR NEW.status IS DISTINCT FROM OLD.status) THEN
    RAISE EXCEPTION 'rubric version % is published and immutable', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER rubric_versions_immutable
  BEFORE UPDATE OR DELETE ON app.rubric_versions
  FOR EACH ROW EXECUTE FUNCTION app.forbid_published_rubric_version_change();
