-- The audit log is append-only: refuse every UPDATE and DELETE.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
-- Published snapshots are frozen: their content can never change.
CREATE TRIGGER snapshots_frozen BEFORE UPDATE OF facts_json, facts_sha256, document_json, document_sha256, pdf, pdf_sha256, xlsx, xlsx_sha256 ON snapshots
BEGIN
  SELECT RAISE(ABORT, 'snapshots are frozen');
END;
