#!/bin/sh
# Run once by the postgres image on an empty volume (docker-entrypoint-initdb.d): a role for Temporal
# (it creates its own two databases through the schema job) and one for the app, which owns its database
# and is not a superuser. Passwords come from the environment.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v temporal_password="$TEMPORAL_DB_PASSWORD" -v app_password="$FEISUTONG_DB_PASSWORD" <<'SQL'
CREATE ROLE temporal LOGIN CREATEDB PASSWORD :'temporal_password';
CREATE ROLE feisutong LOGIN PASSWORD :'app_password';
CREATE DATABASE feisutong OWNER feisutong;
SQL
