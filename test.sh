#!/usr/bin/env bash
# Runs every test in the solution (unit, integration on the in-process Kafka broker, end to end).
set -euo pipefail
cd "$(dirname "$0")"
# The standalone Garnet some tests run as a separate process (dotnet-tools.json).
dotnet tool restore
dotnet build Journeys.sln -c Release -warnaserror
# One test assembly at a time (-m:1): the end-to-end tests start engines and brokers and need the 2 cores to themselves.
dotnet test Journeys.sln -c Release --no-build -m:1 --logger "console;verbosity=minimal" "$@"
