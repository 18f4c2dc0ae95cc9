-- Partition maintenance for a worker that owns nothing. Creating and dropping check_results' daily partitions takes
-- the table owner's rights; with a database role per service (db/service-roles, granted by the migration task) the
-- worker has no DDL rights, so both steps run as SECURITY DEFINER functions of the owner (the migration's user).
-- Only the owner may call them until the service roles grant the worker EXECUTE. A fixed search_path, pg_temp last,
-- so that a caller cannot plant look-alike objects.
ALTER FUNCTION create_check_results_partition(DATE)
    SECURITY DEFINER SET search_path = "${flyway:defaultSchema}", pg_temp;
REVOKE EXECUTE ON FUNCTION create_check_results_partition(DATE) FROM PUBLIC;

-- Drops one daily partition of check_results by name (retention), if it still exists; refuses any other table.
CREATE FUNCTION drop_check_results_partition(partition_name TEXT) RETURNS BOOLEAN
LANGUAGE plpgsql SECURITY DEFINER SET search_path = "${flyway:defaultSchema}", pg_temp AS $$
BEGIN
    IF partition_name IS NULL OR partition_name !~ '^check_results_[0-9]{8}$' THEN
        RAISE EXCEPTION 'not a daily partition of check_results: %', partition_name
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                   WHERE i.inhparent = 'check_results'::regclass AND c.relname = partition_name
                     AND c.relnamespace = (SELECT relnamespace FROM pg_class WHERE oid = 'check_results'::regclass)) THEN
        RETURN FALSE;
    END IF;
    EXECUTE format('DROP TABLE %I', partition_name);
    RETURN TRUE;
END
$$;
REVOKE EXECUTE ON FUNCTION drop_check_results_partition(TEXT) FROM PUBLIC;
