"""Who may see what on a team server, enforced by PostgreSQL itself.

`install(conn)` puts the caseapp group roles, GRANTs, row-level security policies and the
audit trail's triggers onto a database already at the head revision. It is idempotent:
`server init` runs it after the Alembic upgrade and `server upgrade` runs it again, so a
table a migration adds is covered before anyone signs in.

The policies find the signed-in person's worker row by `session_user` (not `current_user`,
which `SET ROLE` changes), through a SECURITY DEFINER helper owned by the schema owner with a
fixed search_path. FORCE ROW LEVEL SECURITY binds the owner too: it has policies only on the
colleagues' table, the schema version and the audit trail (whose chain head the triggers
read), and on the young people's tables only while `caseapp.maintenance` is on, which
`server upgrade` sets so a data migration sees every row.
"""

from __future__ import annotations

from typing import Any

# Group roles (cluster-wide in PostgreSQL; a login role is a member of exactly one).
WORKER, PA, LEAD, ADMIN = "caseapp_worker", "caseapp_pa", "caseapp_lead", "caseapp_admin"
CASE_ROLES = (WORKER, PA, LEAD)
ROLES = {
    "employability_worker": WORKER,
    "personal_adviser": PA,
    "team_lead": LEAD,
    "administrator": ADMIN,
}

# What each role may do, by area. The README's role table is generated from this and a test
# connects as each role to prove each cell, the refusals included.
READ, INSERT, UPDATE, DELETE = "read", "insert", "update", "delete"
AREAS = (
    ("young_person", "A young person's record"),
    ("allocation", "Allocation (worker and PA)"),
    ("check_in", "Check-ins"),
    ("records", "Other records of a young person"),
    ("employer", "Employers and opportunities"),
    ("worker", "Colleagues and accounts"),
    ("audit_event", "Audit trail"),
)
MATRIX: dict[str, dict[str, frozenset[str]]] = {
    WORKER: {
        "young_person": frozenset({READ, INSERT, UPDATE}),
        "allocation": frozenset({READ}),
        "check_in": frozenset({READ, INSERT, UPDATE, DELETE}),
        "records": frozenset({READ, INSERT, UPDATE, DELETE}),
        "employer": frozenset({READ, INSERT, UPDATE, DELETE}),
        "worker": frozenset({READ}),
        "audit_event": frozenset({READ, INSERT}),
    },
    PA: {
        "young_person": frozenset({READ}),
        "allocation": frozenset({READ}),
        "check_in": frozenset({READ, INSERT}),
        "records": frozenset({READ}),
        "employer": frozenset({READ}),
        "worker": frozenset({READ}),
        "audit_event": frozenset({READ, INSERT}),
    },
    LEAD: {
        "young_person": frozenset({READ, INSERT, UPDATE, DELETE}),
        "allocation": frozenset({READ, UPDATE}),
        "check_in": frozenset({READ, INSERT, UPDATE, DELETE}),
        "records": frozenset({READ, INSERT, UPDATE, DELETE}),
        "employer": frozenset({READ, INSERT, UPDATE, DELETE}),
        "worker": frozenset({READ}),
        "audit_event": frozenset({READ, INSERT}),
    },
    ADMIN: {
        "young_person": frozenset(),
        "allocation": frozenset(),
        "check_in": frozenset(),
        "records": frozenset(),
        "employer": frozenset(),
        "worker": frozenset({READ, INSERT, UPDATE}),
        "audit_event": frozenset(),
    },
}
# A PA's rows are only the young people allocated to them (pa_id) and what hangs off them.
PA_OWN_ONLY = frozenset({"young_person", "allocation", "check_in", "records", "audit_event"})

ROLE_LABELS = {WORKER: "Employability worker", PA: "Personal Adviser", LEAD: "Team lead", ADMIN: "Administrator"}
_WORDS = {READ: "read", INSERT: "add", UPDATE: "change", DELETE: "delete"}


def readme_table() -> str:
    """The role table as the README shows it (Markdown)."""
    roles = (WORKER, PA, LEAD, ADMIN)
    lines = ["| | " + " | ".join(ROLE_LABELS[r] for r in roles) + " |", "|---" * (len(roles) + 1) + "|"]
    for area, label in AREAS:
        cells = []
        for role in roles:
            allowed = [_WORDS[a] for a in (READ, INSERT, UPDATE, DELETE) if a in MATRIX[role][area]]
            cell = ", ".join(allowed) or "—"
            if role == PA and area in PA_OWN_ONLY and allowed:
                cell += " (own)"
            cells.append(cell)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


# Tables by area. Person tables carry person_id; the three below reach it through a parent.
PERSON_TABLES = (
    "accommodation_period", "caseload_summary", "eet_status_period", "pathway_step", "search_token",
    "support_need", "hand_off", "vetting_check", "disclosure",
)
CHILD_TABLES = {
    "consent": ("need_id", "support_need"),
    "sustainment_check": ("step_id", "pathway_step"),
    "hand_off_item": ("hand_off_id", "hand_off"),
}
EMPLOYER_TABLES = ("employer", "opportunity", "employer_commitment")
LOCAL_TABLES = ("setting", "output_folder", "draft")
ALLOCATION_COLUMNS = ("worker_id", "pa_id")
# Derived rows a PA's check-in keeps up to date for their own young people.
PA_MAINTAINED = ("caseload_summary",)

AUDIT_LOCK = 0x6361736561756469  # the chain's own advisory lock, apart from the writer queue's
GENESIS = "0" * 64


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _statements(conn: Any, owner: str, schema: str) -> list[str]:
    tables = [r[0] for r in conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename", (schema,))]
    young_columns = [r[0] for r in conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = %s AND table_name = 'young_person'"
        " ORDER BY ordinal_position", (schema,))]
    case = ", ".join(CASE_ROLES)
    team = f"{WORKER}, {LEAD}"
    o, s = _q(owner), _q(schema)
    own_people = "person_id IN (SELECT id FROM young_person)"  # as the reader's own policies let them see
    sql: list[str] = []
    for role in (*CASE_ROLES, ADMIN):
        sql.append(f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN "
                   f"CREATE ROLE {role} NOLOGIN; END IF; END $$")
    sql += [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM PUBLIC, {case}, {ADMIN}",
        f"GRANT USAGE ON SCHEMA {s} TO {case}, {ADMIN}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {s} TO {case}, {ADMIN}",
        f"""CREATE OR REPLACE FUNCTION {s}.caseapp_my_worker() RETURNS integer
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {s}, pg_temp
            AS $$ SELECT id FROM worker WHERE account = session_user $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.caseapp_audit_digest(prev text, e {s}.audit_event) RETURNS text
            LANGUAGE sql STABLE SET search_path = {s}, pg_temp AS $$
            SELECT encode(sha256(convert_to(concat(
                prev, '|', e.id, '|', to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '|',
                coalesce(e.account, ''), '|', coalesce(e.worker_id::text, ''), '|', e.entity, '|', e.entity_id,
                '|', coalesce(e.person_id::text, ''), '|', e.action, '|', coalesce(e.changes::jsonb::text, '')),
                'UTF8')), 'hex') $$""",
        # The chain head is read under the chain's lock, held to commit: appends queue, never fork.
        # The id is taken under the lock too, so the chain's order is the ids' order.
        f"""CREATE OR REPLACE FUNCTION {s}.caseapp_audit_seal() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = {s}, pg_temp AS $$
            BEGIN
                PERFORM pg_advisory_xact_lock({AUDIT_LOCK});
                NEW.id := nextval(pg_get_serial_sequence('{schema}.audit_event', 'id'));
                NEW.account := session_user;
                NEW.prev_hash := coalesce(
                    (SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1), '{GENESIS}');
                NEW.hash := caseapp_audit_digest(NEW.prev_hash, NEW);
                RETURN NEW;
            END $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.caseapp_audit_refuse() RETURNS trigger
            LANGUAGE plpgsql SET search_path = {s}, pg_temp AS $$
            BEGIN
                RAISE EXCEPTION 'The audit trail is append-only: events are never changed or removed.'
                    USING ERRCODE = '42501';
            END $$""",
        f"""CREATE OR REPLACE FUNCTION {s}.caseapp_first_broken_event() RETURNS bigint
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {s}, pg_temp AS $$
            SELECT id FROM (
                SELECT a.id, a.prev_hash, a.hash,
                       lag(a.hash, 1, '{GENESIS}') OVER (ORDER BY a.id) AS expected,
                       caseapp_audit_digest(a.prev_hash, a) AS computed
                FROM audit_event a) chain
            WHERE prev_hash <> expected OR hash <> computed ORDER BY id LIMIT 1 $$""",
        # A person who has set their own password (ALTER ROLE ... PASSWORD) says so here; they
        # may not otherwise change their worker row.
        f"""CREATE OR REPLACE FUNCTION {s}.caseapp_password_changed() RETURNS void
            LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = {s}, pg_temp
            AS $$ UPDATE worker SET password_change_due = false WHERE account = session_user $$""",
        f"REVOKE ALL ON FUNCTION {s}.caseapp_password_changed() FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {s}.caseapp_password_changed() TO {case}",
        f"REVOKE ALL ON FUNCTION {s}.caseapp_first_broken_event() FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {s}.caseapp_first_broken_event() TO {case}, {ADMIN}",
        f"GRANT EXECUTE ON FUNCTION {s}.caseapp_my_worker() TO {case}, {ADMIN}",
        f"DROP TRIGGER IF EXISTS caseapp_audit_seal ON {s}.audit_event",
        f"CREATE TRIGGER caseapp_audit_seal BEFORE INSERT ON {s}.audit_event "
        f"FOR EACH ROW EXECUTE FUNCTION {s}.caseapp_audit_seal()",
        f"DROP TRIGGER IF EXISTS caseapp_audit_refuse ON {s}.audit_event",
        f"CREATE TRIGGER caseapp_audit_refuse BEFORE UPDATE OR DELETE ON {s}.audit_event "
        f"FOR EACH ROW EXECUTE FUNCTION {s}.caseapp_audit_refuse()",
        f"DROP TRIGGER IF EXISTS caseapp_audit_refuse_truncate ON {s}.audit_event",
        f"CREATE TRIGGER caseapp_audit_refuse_truncate BEFORE TRUNCATE ON {s}.audit_event "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {s}.caseapp_audit_refuse()",
    ]

    def policy(table: str, name: str, command: str, roles: str, using: str | None, check: str | None = None) -> None:
        sql.append(f"DROP POLICY IF EXISTS {name} ON {s}.{_q(table)}")
        clause = f" USING ({using})" if using else ""
        clause += f" WITH CHECK ({check})" if check else ""
        sql.append(f"CREATE POLICY {name} ON {s}.{_q(table)} FOR {command} TO {roles}{clause}")

    for table in tables:
        sql += [f"ALTER TABLE {s}.{_q(table)} ENABLE ROW LEVEL SECURITY",
                f"ALTER TABLE {s}.{_q(table)} FORCE ROW LEVEL SECURITY"]
        if table not in ("worker", "alembic_version", "audit_event"):
            policy(table, "caseapp_maintenance", "ALL", o, "current_setting('caseapp.maintenance', true) = 'on'")

    # Colleagues: everyone reads; the administrator adds and changes; the owner for init.
    sql.append(f"GRANT SELECT ON {s}.worker TO {case}, {ADMIN}")
    sql.append(f"GRANT INSERT, UPDATE ON {s}.worker TO {ADMIN}")
    policy("worker", "caseapp_read", "SELECT", f"{case}, {ADMIN}", "true")
    policy("worker", "caseapp_admin_add", "INSERT", ADMIN, None, "true")
    policy("worker", "caseapp_admin_change", "UPDATE", ADMIN, "true", "true")
    policy("worker", "caseapp_owner", "ALL", o, "true", "true")
    sql.append(f"GRANT SELECT ON {s}.alembic_version TO {case}, {ADMIN}")
    policy("alembic_version", "caseapp_read", "SELECT", f"{case}, {ADMIN}", "true")
    policy("alembic_version", "caseapp_owner", "ALL", o, "true", "true")

    # The young person: the team reads and writes; only a lead changes the allocation or deletes.
    changeable = ", ".join(_q(c) for c in young_columns if c not in ALLOCATION_COLUMNS and c != "id")
    sql += [f"GRANT SELECT, INSERT ON {s}.young_person TO {team}",
            f"GRANT UPDATE ({changeable}) ON {s}.young_person TO {WORKER}",
            f"GRANT UPDATE, DELETE ON {s}.young_person TO {LEAD}",
            f"GRANT SELECT ON {s}.young_person TO {PA}"]
    policy("young_person", "caseapp_team", "ALL", team, "true", "true")
    policy("young_person", "caseapp_pa", "SELECT", PA, "pa_id = caseapp_my_worker()")

    for table in (*PERSON_TABLES, "check_in", *CHILD_TABLES):
        if table not in tables:
            continue
        sql += [f"GRANT SELECT, INSERT, UPDATE, DELETE ON {s}.{table} TO {team}",
                f"GRANT SELECT ON {s}.{table} TO {PA}"]
        policy(table, "caseapp_team", "ALL", team, "true", "true")
        if table in CHILD_TABLES:
            column, parent = CHILD_TABLES[table]
            own = f"{column} IN (SELECT id FROM {parent})"
        else:
            own = own_people
        policy(table, "caseapp_pa", "SELECT", PA, own)
        if table == "check_in":
            sql.append(f"GRANT INSERT ON {s}.check_in TO {PA}")
            policy(table, "caseapp_pa_add", "INSERT", PA, None, f"{own} AND worker_id = caseapp_my_worker()")
        if table in PA_MAINTAINED:
            # The summary is rebuilt (deleted and inserted) for the young person checked in with.
            sql.append(f"GRANT INSERT, UPDATE, DELETE ON {s}.{table} TO {PA}")
            policy(table, "caseapp_pa_add", "INSERT", PA, None, own)
            policy(table, "caseapp_pa_change", "UPDATE", PA, own, own)
            policy(table, "caseapp_pa_remove", "DELETE", PA, own)

    for table in (*EMPLOYER_TABLES, *LOCAL_TABLES):
        if table not in tables:
            continue
        sql += [f"GRANT SELECT, INSERT, UPDATE, DELETE ON {s}.{table} TO {team}",
                f"GRANT SELECT ON {s}.{table} TO {PA}"]
        policy(table, "caseapp_team", "ALL", team, "true", "true")
        policy(table, "caseapp_pa", "SELECT", PA, "true")

    # The audit trail: appended by whoever writes, never changed, never removed (the triggers
    # refuse even the owner); a PA reads the history of their own young people only.
    sql += [f"REVOKE UPDATE, DELETE, TRUNCATE ON {s}.audit_event FROM PUBLIC, {case}, {ADMIN}",
            f"GRANT SELECT, INSERT ON {s}.audit_event TO {case}"]
    policy("audit_event", "caseapp_team_read", "SELECT", team, "true")
    policy("audit_event", "caseapp_team_add", "INSERT", team, None, "true")
    policy("audit_event", "caseapp_pa_read", "SELECT", PA, own_people)
    policy("audit_event", "caseapp_pa_add", "INSERT", PA, None, f"person_id IS NULL OR {own_people}")
    policy("audit_event", "caseapp_owner_read", "SELECT", o, "true")
    policy("audit_event", "caseapp_owner_add", "INSERT", o, None, "true")
    return sql


def install(conn: Any) -> None:
    """Roles, grants, policies and audit triggers onto the connected database, in one
    transaction. `conn` is a psycopg connection signed in as the schema's owner."""
    with conn.transaction():
        owner, schema = conn.execute("SELECT current_user, current_schema()").fetchone()
        for statement in _statements(conn, owner, schema):
            conn.execute(statement)


def unprotected_tables(conn: Any) -> list[str]:
    """The tables of the caseapp schema without row-level security both enabled and forced."""
    return [r[0] for r in conn.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') "
        "AND NOT (c.relrowsecurity AND c.relforcerowsecurity) ORDER BY c.relname")]


def first_broken_event(conn: Any) -> int | None:
    """The id of the first audit event whose link or hash does not hold, by the server's own check."""
    row = conn.execute("SELECT caseapp_first_broken_event()").fetchone()
    return None if row is None or row[0] is None else int(row[0])
