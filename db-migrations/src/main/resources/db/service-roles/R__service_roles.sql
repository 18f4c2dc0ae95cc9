-- A database role per service with exactly the privileges its code uses; DDL stays with the migration's user, who
-- owns every object. Applied only when the migration task is told to (DATABASE_SERVICE_ROLES=true, see
-- ServiceRolesConfiguration); local runs and tests keep their single user. Re-applied on every migration run
-- (run ${run_id}), each time from nothing: every privilege of the roles in this schema is revoked and granted again
-- in one transaction, so a table re-created by a later migration never keeps or loses a grant by accident.
-- A new table is granted to nobody until it is listed here (ServiceRolesMigrationTest fails until then).
DO $$
DECLARE
    schema_name CONSTANT TEXT    := '${flyway:defaultSchema}';
    api         CONSTANT TEXT    := '${api_role}';
    scheduler   CONSTANT TEXT    := '${scheduler_role}';
    worker      CONSTANT TEXT    := '${worker_role}';
    iam_auth    CONSTANT BOOLEAN := ${iam_auth};
    service     TEXT;
    grant_row   RECORD;
BEGIN
    FOREACH service IN ARRAY ARRAY[api, scheduler, worker] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = service) THEN
            EXECUTE format('CREATE ROLE %I LOGIN', service);
        END IF;
        EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', service);
        EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', schema_name, service);
        EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM %I', schema_name, service);
        EXECUTE format('REVOKE ALL ON ALL FUNCTIONS IN SCHEMA %I FROM %I', schema_name, service);
        EXECUTE format('REVOKE ALL ON SCHEMA %I FROM %I', schema_name, service);
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', schema_name, service);
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), service);
        -- RDS IAM authentication: a member of rds_iam logs in with tokens only, so password and IAM exclude each
        -- other. With IAM, the role has no password at all; without, the migration task sets it afterwards
        -- (ServiceRolePasswords, hashed on the client). rds_iam exists on RDS only.
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rds_iam') THEN
            EXECUTE format(CASE WHEN iam_auth THEN 'GRANT rds_iam TO %I' ELSE 'REVOKE rds_iam FROM %I' END, service);
        END IF;
        IF iam_auth THEN
            EXECUTE format('ALTER ROLE %I PASSWORD NULL', service);
        END IF;
    END LOOP;
    -- No one but the owner creates objects in the schema (PostgreSQL 14 still grants CREATE to PUBLIC).
    EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', schema_name);

    -- What each service's SQL does, table by table (grep the service for the table name before changing a line).
    -- SELECT ... FOR UPDATE/SHARE needs UPDATE on the table; triggers run with the caller's rights (deleting a
    -- monitor deletes its finished status_changes), foreign-key cascades with the owner's.
    FOR grant_row IN
        SELECT * FROM (VALUES
            -- api: the REST API, internet-facing. Monitors, channels, maintenance windows, status pages and keys
            -- are its to manage; history it only reads; cancelled deliveries update their status change.
            (api, 'monitors',                    'SELECT, INSERT, UPDATE, DELETE', FALSE),
            (api, 'monitor_channels',            'SELECT, INSERT, DELETE',         FALSE),
            (api, 'channels',                    'SELECT, INSERT, UPDATE, DELETE', FALSE),
            (api, 'deliveries',                  'SELECT, INSERT, UPDATE',         FALSE),
            (api, 'status_changes',              'SELECT, UPDATE, DELETE',         FALSE),
            (api, 'check_results',               'SELECT',                         FALSE),
            (api, 'check_rollups_hourly',        'SELECT',                         FALSE),
            (api, 'check_rollups_daily',         'SELECT',                         FALSE),
            (api, 'fleet_rollups_hourly',        'SELECT',                         FALSE),
            (api, 'fleet_rollups_daily',         'SELECT',                         FALSE),
            (api, 'fleet_status_counts',         'SELECT',                         FALSE),
            (api, 'history_horizons',            'SELECT',                         FALSE),
            (api, 'maintenance_windows',         'SELECT, INSERT, UPDATE, DELETE', FALSE),
            (api, 'maintenance_window_monitors', 'SELECT, INSERT, DELETE',         FALSE),
            (api, 'daily_summary_settings',      'SELECT, UPDATE',                 FALSE),
            (api, 'status_pages',                'SELECT, INSERT, UPDATE, DELETE', FALSE),
            (api, 'status_page_monitors',        'SELECT, INSERT, DELETE',         FALSE),
            (api, 'status_page_tag_groups',      'SELECT, INSERT, DELETE',         FALSE),
            -- Managed API keys (V7), optional here so that this file does not depend on that migration's number.
            (api, 'api_keys',                    'SELECT, INSERT, UPDATE, DELETE', TRUE),
            -- Heartbeat pings (V10): the API only drops them into the inbox.
            (api, 'heartbeat_pings',             'INSERT',                         FALSE),
            -- Service level objectives (V14), optional so that this file does not depend on that number.
            (api, 'monitor_slos',                'SELECT, INSERT, UPDATE, DELETE', TRUE),
            -- Objectives per tag (V16).
            (api, 'tag_slos',                    'SELECT, INSERT, UPDATE, DELETE', TRUE),
            -- Locations with a check queue (V15), optional so that this file does not depend on that number.
            (api, 'locations',                   'SELECT',                         TRUE),
            -- Alert dependencies (V17), optional as above.
            (api, 'monitor_dependencies',        'SELECT, INSERT, DELETE',         TRUE),
            -- scheduler: claims due monitors and moves them to their next slot, nothing else.
            (scheduler, 'monitors',              'SELECT, UPDATE (next_check_at)', FALSE),
            -- It registers the locations it has queues for (V15).
            (scheduler, 'locations',             'SELECT, INSERT, UPDATE',         TRUE),
            -- worker: checks, state, history, retention and the alert outbox; reads the configuration.
            (worker, 'monitors',                 'SELECT, UPDATE',                 FALSE),
            (worker, 'monitor_channels',         'SELECT',                         FALSE),
            (worker, 'channels',                 'SELECT',                         FALSE),
            (worker, 'check_results',            'SELECT, INSERT',                 FALSE),
            (worker, 'check_results_default',    'SELECT, UPDATE, DELETE',         FALSE),
            (worker, 'check_rollups_hourly',     'SELECT, INSERT, UPDATE, DELETE', FALSE),
            (worker, 'check_rollups_daily',      'SELECT, INSERT, UPDATE, DELETE', FALSE),
            -- Fleet rollups (V12) follow the monitors' rollups by trigger (as the owner); retention deletes them.
            (worker, 'fleet_rollups_hourly',     'SELECT, DELETE',                 FALSE),
            (worker, 'fleet_rollups_daily',      'SELECT, DELETE',                 FALSE),
            (worker, 'history_horizons',         'SELECT, UPDATE',                 FALSE),
            (worker, 'status_changes',           'SELECT, INSERT, UPDATE, DELETE', FALSE),
            (worker, 'deliveries',               'SELECT, INSERT, UPDATE, DELETE', FALSE),
            (worker, 'maintenance_windows',      'SELECT',                         FALSE),
            (worker, 'maintenance_window_monitors', 'SELECT',                      FALSE),
            (worker, 'daily_summary_settings',   'SELECT',                         FALSE),
            (worker, 'daily_summaries',          'SELECT, INSERT',                 FALSE),
            -- The heartbeat job drains the inbox into results.
            (worker, 'heartbeat_pings',          'SELECT, DELETE',                 FALSE),
            -- Burn-rate alerts read the objectives (V14).
            (worker, 'monitor_slos',             'SELECT',                         TRUE),
            -- Burn-rate alert episodes (V16): the worker's job keeps them.
            (worker, 'slo_burn_alerts',          'SELECT, INSERT, UPDATE',         TRUE),
            -- Burn-rate alerts of tags' objectives (V21): the objectives and the job's episodes.
            (worker, 'tag_slos',                 'SELECT',                         TRUE),
            (worker, 'tag_slo_burn_alerts',      'SELECT, INSERT, UPDATE',         TRUE),
            -- Dependencies (V17) decide whether an alert is held back.
            (worker, 'monitor_dependencies',     'SELECT',                         TRUE)
        ) AS g (grantee, table_name, privileges, optional)
    LOOP
        IF grant_row.optional AND to_regclass(format('%I.%I', schema_name, grant_row.table_name)) IS NULL THEN
            CONTINUE;
        END IF;
        EXECUTE format('GRANT %s ON TABLE %I.%I TO %I',
                       grant_row.privileges, schema_name, grant_row.table_name, grant_row.grantee);
    END LOOP;

    -- The worker's partition maintenance, as the owner (V8).
    EXECUTE format('GRANT EXECUTE ON FUNCTION %I.create_check_results_partition(DATE) TO %I', schema_name, worker);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %I.drop_check_results_partition(TEXT) TO %I', schema_name, worker);
END
$$;
