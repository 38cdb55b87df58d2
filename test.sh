#!/usr/bin/env bash
# Runs every test in the solution (unit, integration on the in-process Kafka broker, end to end).
set -euo pipefail
cd "$(dirname "$0")"
dotnet build Journeys.sln -c Release -warnaserror
dotnet test Journeys.sln -c Release --no-build --logger "console;verbosity=minimal" "$@"
