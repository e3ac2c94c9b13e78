#!/usr/bin/env bash
# Manual security check (not run by .ci/run, it takes minutes): testssl.sh against both FTPS listeners of the
# packaged production jar, explicit (AUTH TLS on the control port, testssl -t ftp) and implicit (TLS from the first
# byte). Exits 1 when testssl reports any "NOT ok" finding, 2 when it could not run. See README.md, "Security checks".
set -euo pipefail

usage() {
    cat <<'EOF'
usage: src/test/scripts/testssl-ftp.sh [--fast]

  --fast   testssl's --fast (fewer cipher checks; a quick look, not the full check)

Needs testssl.sh (Debian/Ubuntu: apt-get install testssl.sh), openssl, java and the packaged bridge
(built with mvn -B -DskipTests package when target/quarkus-app is missing). Reports land in target/testssl/.
Ports (loopback only) can be moved with TESTSSL_FTP_PORT (22621), TESTSSL_IMPLICIT_PORT (29621),
TESTSSL_PASSIVE_PORTS (32700-32799), TESTSSL_S3_PORT (28621) and TESTSSL_HTTP_PORT (28622).
EOF
}

FAST=()
while (($#)); do
    case "$1" in
        --fast) FAST=(--fast) ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
    shift
done

FTP_PORT=${TESTSSL_FTP_PORT:-22621}
IMPLICIT_PORT=${TESTSSL_IMPLICIT_PORT:-29621}
PASSIVE_PORTS=${TESTSSL_PASSIVE_PORTS:-32700-32799}
S3_PORT=${TESTSSL_S3_PORT:-28621}
HTTP_PORT=${TESTSSL_HTTP_PORT:-28622}
# The test profile's user alice (password alice-secret), here with a bucket of her own.
USER_HASH='$2y$10$UiygIZjW1JOP/jKH8h0chO5XGAPl11i5hzqWjQXgeYQFlYugHTqsK'

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cd "$ROOT"
REPORTS=$ROOT/target/testssl

log() { printf '[testssl-ftp %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
fail() { log "ERROR: $*"; exit 2; }

TESTSSL=$(command -v testssl.sh || command -v testssl || true)
[[ -n $TESTSSL ]] || fail "testssl.sh not found (Debian/Ubuntu: apt-get install testssl.sh)"
for tool in java openssl; do
    command -v "$tool" >/dev/null || fail "$tool not found"
done
if [[ ! -f target/quarkus-app/quarkus-run.jar || ! -f target/embedded-s3/s3proxy.jar ]]; then
    log "building the bridge (mvn -B -q -DskipTests package)"
    mvn -B -q -DskipTests package
fi

WORK=$(mktemp -d /tmp/testssl-ftp.XXXXXX)
BRIDGE_PID=
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n $BRIDGE_PID ]] && kill -0 "$BRIDGE_PID" 2>/dev/null; then
        # TERM: the bridge stops its embedded S3Proxy on the way out.
        kill -TERM "$BRIDGE_PID" 2>/dev/null || true
        for _ in $(seq 100); do
            kill -0 "$BRIDGE_PID" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL "$BRIDGE_PID" 2>/dev/null || true
        wait "$BRIDGE_PID" 2>/dev/null || true
    fi
    [[ -f $WORK/bridge.log ]] && mkdir -p "$REPORTS" && cp "$WORK/bridge.log" "$REPORTS/bridge.log"
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for port in "$FTP_PORT" "$IMPLICIT_PORT" "$S3_PORT" "$HTTP_PORT" "${PASSIVE_PORTS%-*}"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        fail "port $port is already in use; move it with the TESTSSL_*_PORT variables"
    fi
done

# A certificate as an operator would have one: issued by a CA (a local one, handed to testssl with --add-ca), for
# 127.0.0.1, with a CRL distribution point (testssl does not fetch it unless told to phone out). A self-signed
# certificate, or one without revocation information, would only make testssl report the certificate.
log "making a local CA and a server certificate for 127.0.0.1"
openssl req -x509 -newkey rsa:3072 -nodes -keyout "$WORK/ca.key" -out "$WORK/ca.crt" -days 365 \
    -subj "/CN=FTPS bridge testssl CA" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout "$WORK/server.key" -out "$WORK/server.csr" -subj "/CN=localhost" 2>/dev/null
cat >"$WORK/server.ext" <<'EOF'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost
crlDistributionPoints=URI:http://127.0.0.1/testssl-ca.crl
EOF
openssl x509 -req -in "$WORK/server.csr" -CA "$WORK/ca.crt" -CAkey "$WORK/ca.key" -days 365 -sha256 \
    -set_serial "0x$(openssl rand -hex 16)" -extfile "$WORK/server.ext" -out "$WORK/server.crt" 2>/dev/null

# The production jar as an operator starts it; its embedded S3 store (bridge.embedded-s3, an S3Proxy process the
# bridge starts, fills with the users' buckets and stops) stands in for S3.
log "starting the bridge (explicit 127.0.0.1:$FTP_PORT, implicit $IMPLICIT_PORT, S3Proxy $S3_PORT)"
java -Dbridge.ftp.host=127.0.0.1 -Dbridge.ftp.port="$FTP_PORT" -Dbridge.ftp.implicit-port="$IMPLICIT_PORT" \
    -Dbridge.ftp.passive-ports="$PASSIVE_PORTS" \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$HTTP_PORT" \
    -Dbridge.tls.cert-file="$WORK/server.crt" -Dbridge.tls.key-file="$WORK/server.key" \
    "-Dbridge.users.alice.password-hash=$USER_HASH" -Dbridge.users.alice.home=s3://bridge-testssl/alice/ \
    -Dbridge.embedded-s3.enabled=true -Dbridge.embedded-s3.port="$S3_PORT" \
    -Dbridge.embedded-s3.data-dir="$WORK/s3" -Dbridge.embedded-s3.jar=target/embedded-s3/s3proxy.jar \
    -Dquarkus.s3.endpoint-override="http://127.0.0.1:$S3_PORT" -Dquarkus.s3.path-style-access=true \
    -Dquarkus.s3.aws.region=us-east-1 -Dquarkus.s3.aws.credentials.type=static \
    -Dquarkus.s3.aws.credentials.static-provider.access-key-id=bridge-local \
    -Dquarkus.s3.aws.credentials.static-provider.secret-access-key=bridge-local-secret \
    -Dbridge.s3.request-checksum-calculation=when-required -Dquarkus.s3.checksum-validation=false \
    -jar target/quarkus-app/quarkus-run.jar >"$WORK/bridge.log" 2>&1 &
BRIDGE_PID=$!
deadline=$((SECONDS + 120))
until grep -q "FTPS listening" "$WORK/bridge.log"; do
    kill -0 "$BRIDGE_PID" 2>/dev/null || { tail -n 30 "$WORK/bridge.log" >&2; fail "the bridge exited during startup"; }
    ((SECONDS < deadline)) || { tail -n 30 "$WORK/bridge.log" >&2; fail "the bridge did not start within 120 s"; }
    sleep 0.2
done
if command -v curl >/dev/null; then
    # A real session first (login, PROT P, a listing from S3): testssl is pointed at a working bridge.
    curl -sS --ssl-reqd --cacert "$WORK/ca.crt" -o /dev/null "ftp://alice:alice-secret@127.0.0.1:$FTP_PORT/" \
        || fail "a curl session against the bridge failed; see $REPORTS/bridge.log"
fi

mkdir -p "$REPORTS"
STATUS=0
SUMMARY=()
# name, then testssl's target arguments
run_testssl() {
    local name=$1 rc=0 found
    shift
    log "testssl $* (target/testssl/$name.txt)"
    rm -f "$REPORTS/$name.txt" "$REPORTS/$name.json"
    "$TESTSSL" --quiet --color 0 --warnings off --add-ca "$WORK/ca.crt" "${FAST[@]}" \
        --jsonfile "$REPORTS/$name.json" "$@" >"$REPORTS/$name.txt" 2>&1 || rc=$?
    # testssl's own failures are exit codes from 242 up; lower codes only add up its checks' return values.
    if ((rc >= 242)) || ! grep -q '^ Done ' "$REPORTS/$name.txt"; then
        tail -n 20 "$REPORTS/$name.txt" >&2
        log "testssl did not complete against $name (exit $rc)"
        STATUS=2
        SUMMARY+=("$name: testssl did not complete (exit $rc)")
        return
    fi
    found=$(grep -c 'NOT ok' "$REPORTS/$name.txt" || true)
    SUMMARY+=("$name: $found NOT ok finding(s); $(grep '^ Done ' "$REPORTS/$name.txt" | tr -s ' ')")
    while IFS= read -r line; do
        SUMMARY+=("    $line")
    done < <(grep 'NOT ok' "$REPORTS/$name.txt" | tr -s ' ')
    if ((found > 0)) && ((STATUS == 0)); then
        STATUS=1
    fi
}
run_testssl explicit -t ftp "127.0.0.1:$FTP_PORT"
run_testssl implicit "127.0.0.1:$IMPLICIT_PORT"

echo
echo "testssl against the FTPS bridge (reports in target/testssl/):"
printf '  %s\n' "${SUMMARY[@]}"
exit "$STATUS"
