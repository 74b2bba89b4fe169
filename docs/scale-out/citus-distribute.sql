-- NOT RUN by anything in this repository (no Citus here): the Citus calls of docs/scale-out.md §4, for the coordinator
-- of a cluster whose schema is prisma/migrations followed by docs/scale-out/citus-keys.sql. Order matters: a table is
-- distributed after the tables its foreign keys point at (reference tables first, then units, …).
--
-- Sources: create_reference_table / create_distributed_table (colocate_with), isolate_tenant_to_new_shard:
-- https://docs.citusdata.com/en/stable/develop/api_udf.html — keys and foreign keys:
-- https://docs.citusdata.com/en/stable/develop/reference_ddl.html#adding-removing-constraints

CREATE EXTENSION IF NOT EXISTS citus;

-- The roll-up, reference-check and data-version triggers are statement triggers with transition tables; Citus refuses
-- to distribute a table with triggers unless this is on, and where they then run (on the shards) is to be verified on a
-- real cluster before anything else (docs/scale-out.md §4.4).
SET citus.enable_unsafe_triggers TO on;

-- The national catalogue and calendar: one copy on every node, joined locally by every shard.
SELECT create_reference_table('fields');
SELECT create_reference_table('procedures');
SELECT create_reference_table('calendar_days');
SELECT create_reference_table('work_days');
SELECT create_reference_table('kpi_weights');

-- One co-location group, distributed by province: a province's rows of every table live in the same shard, so every
-- join of a province's read (dossiers ⋈ units, roll-ups ⋈ units ⋈ successions, targets) runs inside one shard.
SELECT create_distributed_table('units', 'province');
SELECT create_distributed_table('users', 'province', colocate_with => 'units');
SELECT create_distributed_table('api_tokens', 'province', colocate_with => 'units');
SELECT create_distributed_table('import_batches', 'province', colocate_with => 'units');
SELECT create_distributed_table('unit_successions', 'province', colocate_with => 'units');
SELECT create_distributed_table('targets', 'province', colocate_with => 'units');
SELECT create_distributed_table('dossiers', 'province', colocate_with => 'units');
SELECT create_distributed_table('feedback', 'province', colocate_with => 'units');
SELECT create_distributed_table('dossier_daily', 'province', colocate_with => 'units');
SELECT create_distributed_table('dossier_monthly', 'province', colocate_with => 'units');
SELECT create_distributed_table('dossier_unit_daily', 'province', colocate_with => 'units');
SELECT create_distributed_table('feedback_unit_daily', 'province', colocate_with => 'units');
SELECT create_distributed_table('dossier_unit_monthly', 'province', colocate_with => 'units');
SELECT create_distributed_table('audit_log', 'province', colocate_with => 'units');
SELECT create_distributed_table('publications', 'province', colocate_with => 'units');
SELECT create_distributed_table('data_version', 'province', colocate_with => 'units');
SELECT create_distributed_table('data_change_marks', 'province', colocate_with => 'units');

-- Optional: a province in a shard of its own (34 provinces, so each shard is exactly one of today's databases), then
-- moved to the node that should serve it. Shown for Hồ Chí Minh City (79); repeat per province.
-- SELECT isolate_tenant_to_new_shard('units', '79', cascade_option => 'CASCADE');
