#!/usr/bin/env bash
# Cold start of the Lambda function (issue #5): from process start to the first response posted to a Lambda Runtime
# API, for one S3 notification of a small object on a local S3 server. JIT (the managed dotnet10 runtime starts the
# executable assembly: `dotnet AlbLogLambda.dll`), JIT with ReadyToRun, and Native AOT (the provided.al2023 bootstrap).
#
#   bash bench/coldstart.sh [--runs N] [--object FILE] [--data DIR] [--out FILE]
#
# Everything runs on 127.0.0.1: s3rver (npm s3rver@3.7.1, installed into a cache folder on first use, as the test
# suite does; needs Node.js and npm) holds the object under an ALB access-log key, a stand-in Runtime API hands out
# the event, and the function runs with AWS_LAMBDA_RUNTIME_API, AWS_ENDPOINT_URL_S3, AWS_REGION, s3rver's keys and no
# ALERT_TOPIC_ARN (dry run: the alert is only logged). The measuring is done by the benchmark tool's `coldstart` mode
# (bench/AlbLogLambda.Benchmarks/ColdStart.cs): one warm-up run per build, then the median, min and max of N runs.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

RUNS=10
OBJECT=$ROOT/tests/Fixtures/logs/123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20261124T1005Z_10.0.1.23_5h2k9x3a.log.gz
DATA=${TMPDIR:-/tmp}/alblog-bench
OUT=
while [ $# -gt 0 ]; do
  case $1 in
    --runs) RUNS=$2; shift 2 ;;
    --object) OBJECT=$2; shift 2 ;;
    --data) DATA=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "coldstart.sh: unknown option $1" >&2; exit 1 ;;
  esac
done
command -v node >/dev/null && command -v npm >/dev/null || { echo "coldstart.sh: needs Node.js and npm (for s3rver)" >&2; exit 1; }

BUILD=$DATA/build/function
echo "== publish the function: JIT, JIT + ReadyToRun, Native AOT" >&2
dotnet publish src/AlbLogLambda -c Release -o "$BUILD/jit" -nologo -v quiet >&2
dotnet publish src/AlbLogLambda -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$BUILD/r2r" -nologo -v quiet >&2
variants=(--variant "JIT=dotnet $BUILD/jit/AlbLogLambda.dll" --variant "JIT + ReadyToRun=dotnet $BUILD/r2r/AlbLogLambda.dll")
if dotnet publish src/AlbLogLambda -c Release -r linux-x64 -p:PublishAot=true -o "$BUILD/aot" -nologo -v quiet >&2; then
  variants+=(--variant "Native AOT=$BUILD/aot/AlbLogLambda")
else
  echo "coldstart.sh: Native AOT publish failed (needs clang or gcc and zlib1g-dev); AOT left out" >&2
fi
dotnet build bench/AlbLogLambda.Benchmarks -c Release -nologo -v quiet >&2

args=(coldstart --object "$OBJECT" --runs "$RUNS" "${variants[@]}")
[ -n "$OUT" ] && args+=(--out "$OUT")
"$ROOT/bench/AlbLogLambda.Benchmarks/bin/Release/net10.0/AlbLogLambda.Benchmarks" "${args[@]}"
